package io.blockingbridge.web;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.web.reactive.HandlerResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Edges of {@link BlockingStyleRequest} that a real server hits only by chance: a request cancelled
 * on another thread while its own thread subscribes to the handling.
 */
class BlockingStyleRequestTests {

	@Test
	@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void cancelArrivingBeforeTheHandlingIsSubscribedCancelsItWhenItIs() throws Exception {
		CountDownLatch subscribing = new CountDownLatch(1);
		CountDownLatch cancelDone = new CountDownLatch(1);
		AtomicBoolean requested = new AtomicBoolean();
		AtomicBoolean cancelled = new AtomicBoolean();
		Mono<HandlerResult> handling = new Mono<>() {

			@Override
			public void subscribe(CoreSubscriber<? super HandlerResult> actual) {
				// the request's thread is here, past its check for a cancel, when the cancel arrives
				subscribing.countDown();
				boolean interrupted = awaitUninterruptibly(cancelDone);
				actual.onSubscribe(new Subscription() {

					@Override
					public void request(long n) {
						requested.set(true);
					}

					@Override
					public void cancel() {
						cancelled.set(true);
					}

				});
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
			}

		};
		BlockingStyleRequests requests = new BlockingStyleRequests();
		Disposable request = BlockingStyleRequest
			.run(handling, Duration.ofSeconds(5), MockServerHttpRequest.get("/cancelled").build(),
					"BlockingStyleRequestTests#handler", requests, Duration.ofSeconds(5))
			.subscribe();
		assertThat(subscribing.await(10, TimeUnit.SECONDS)).isTrue();
		request.dispose();
		cancelDone.countDown();
		await().atMost(Duration.ofSeconds(5)).untilTrue(cancelled);
		assertThat(requested).as("a cancelled handling is not asked for its result").isFalse();
	}

	private static boolean awaitUninterruptibly(CountDownLatch latch) {
		boolean interrupted = false;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (latch.getCount() > 0 && System.nanoTime() < deadline) {
			try {
				latch.await(100, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		return interrupted;
	}

}
