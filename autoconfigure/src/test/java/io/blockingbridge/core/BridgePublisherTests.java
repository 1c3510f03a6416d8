package io.blockingbridge.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@link Bridge#await(Publisher)} and {@link Bridge#stream(Publisher)} with a publisher that is
 * neither a {@code Mono} nor a {@code Flux}: a plain Reactive Streams implementation that signals
 * from a thread of its own.
 */
@Timeout(30)
class BridgePublisherTests {

	private final ExecutorService signals = Executors.newSingleThreadExecutor();

	@AfterEach
	void stop() {
		this.signals.shutdownNow();
	}

	@Test
	void awaitTakesTheFirstValueAndCancelsTheRest() throws InterruptedException {
		Values publisher = new Values(List.of("first", "second", "third"), null);
		Object first = Bridge.await(publisher);
		assertThat(first).isEqualTo("first");
		assertThat(publisher.cancelled.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(publisher.emitted.get()).isEqualTo(1);
	}

	@Test
	void awaitOfAPublisherWithoutValuesReturnsNullAndThrowsItsErrorAsItIs() {
		assertThat(Bridge.<Object>await(new Values(List.of(), null))).isNull();
		IllegalStateException error = new IllegalStateException("refused");
		assertThat(catchThrowable(() -> Bridge.await(new Values(List.of(), error)))).isSameAs(error);
	}

	@Test
	void awaitWithALimitCancelsAPublisherThatNeverSignals() throws InterruptedException {
		Silent publisher = new Silent();
		Throwable thrown = catchThrowable(() -> Bridge.await(publisher, Duration.ofMillis(100)));
		assertThat(thrown).isInstanceOf(BridgeTimeoutException.class);
		assertThat(publisher.cancelled.await(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void streamReadsEveryValueWithBackpressure() {
		List<Integer> numbers = Stream.iterate(1, (n) -> n + 1).limit(100).toList();
		Values publisher = new Values(numbers, null);
		try (Stream<Object> values = Bridge.stream(publisher, 4)) {
			assertThat(values.toList()).isEqualTo(numbers);
		}
		assertThat(publisher.largestRequest.get()).isLessThanOrEqualTo(4);
	}

	@Test
	void closingTheStreamCancelsThePublisher() throws InterruptedException {
		Values publisher = new Values(List.of(1, 2, 3, 4, 5, 6, 7, 8), null);
		try (Stream<Object> values = Bridge.stream(publisher, 2)) {
			assertThat(values.findFirst()).contains(1);
		}
		assertThat(publisher.cancelled.await(10, TimeUnit.SECONDS)).isTrue();
	}

	/** Sends the given values as they are requested, from the executor's thread, then completes or fails. */
	private final class Values implements Publisher<Object> {

		private final List<?> values;

		private final Throwable error;

		final AtomicInteger emitted = new AtomicInteger();

		final AtomicLong largestRequest = new AtomicLong();

		final CountDownLatch cancelled = new CountDownLatch(1);

		Values(List<?> values, Throwable error) {
			this.values = values;
			this.error = error;
		}

		@Override
		public void subscribe(Subscriber<? super Object> subscriber) {
			AtomicBoolean done = new AtomicBoolean();
			AtomicInteger next = new AtomicInteger();
			subscriber.onSubscribe(new Subscription() {

				@Override
				public void request(long n) {
					Values.this.largestRequest.accumulateAndGet(n, Math::max);
					BridgePublisherTests.this.signals.execute(() -> {
						for (long i = 0; i < n && !done.get(); i++) {
							int index = next.getAndIncrement();
							if (index >= Values.this.values.size()) {
								if (done.compareAndSet(false, true)) {
									if (Values.this.error != null) {
										subscriber.onError(Values.this.error);
									}
									else {
										subscriber.onComplete();
									}
								}
								return;
							}
							Values.this.emitted.incrementAndGet();
							subscriber.onNext(Values.this.values.get(index));
						}
						if (next.get() >= Values.this.values.size() && done.compareAndSet(false, true)) {
							if (Values.this.error != null) {
								subscriber.onError(Values.this.error);
							}
							else {
								subscriber.onComplete();
							}
						}
					});
				}

				@Override
				public void cancel() {
					done.set(true);
					Values.this.cancelled.countDown();
				}

			});
		}

	}

	/** Never signals anything but its subscription. */
	private static final class Silent implements Publisher<Object> {

		final CountDownLatch cancelled = new CountDownLatch(1);

		@Override
		public void subscribe(Subscriber<? super Object> subscriber) {
			subscriber.onSubscribe(new Subscription() {

				@Override
				public void request(long n) {
				}

				@Override
				public void cancel() {
					Silent.this.cancelled.countDown();
				}

			});
		}

	}

}
