package io.blockingbridge.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.micrometer.context.ContextRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the reliability edges of {@link Bridge} and {@link BridgeScope}: waits that must finish,
 * values arriving at the edge of a timeout, misused scopes, streams whose source ignores
 * backpressure.
 */
class BridgeReliabilityTests {

	private static final String THREAD_LOCAL_KEY = "bb.reliability.test";

	private static final ThreadLocal<String> RESTORED = new ThreadLocal<>();

	@BeforeAll
	static void registerThreadLocal() {
		ContextRegistry.getInstance().registerThreadLocalAccessor(THREAD_LOCAL_KEY, RESTORED);
	}

	@AfterEach
	void cleanThread() {
		Thread.interrupted();
		RESTORED.remove();
	}

	@Test
	void awaitUninterruptiblyIgnoresAnInterruptAndKeepsTheFlag() {
		Thread.currentThread().interrupt();
		Integer value = Bridge.awaitUninterruptibly(Mono.delay(Duration.ofMillis(100)).thenReturn(42));
		assertThat(value).isEqualTo(42);
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
	}

	@Test
	void awaitUninterruptiblyIgnoresTheScopesLimit() {
		try (BridgeScope scope = BridgeScope.open(Context.empty(), Duration.ofMillis(50))) {
			assertThat(Bridge.awaitUninterruptibly(Mono.delay(Duration.ofMillis(300)).thenReturn("done")))
				.isEqualTo("done");
		}
	}

	@Test
	@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // fail rather than hang if the bound is gone
	void awaitUninterruptiblyHasAHardLimitAndCancelsOnIt() {
		AtomicBoolean cancelled = new AtomicBoolean();
		Thread.currentThread().interrupt();
		Throwable thrown = catchThrowable(() -> Bridge
			.awaitUninterruptibly(Mono.never().doOnCancel(() -> cancelled.set(true)), Duration.ofMillis(200)));
		assertThat(thrown).isInstanceOf(BridgeTimeoutException.class)
			.hasMessageContaining("did not complete within the hard limit of PT0.2S")
			.hasMessageContaining("Bridge.awaitUninterruptibly(mono, limit)");
		assertThat(((BridgeTimeoutException) thrown).getTimeout()).isEqualTo(Duration.ofMillis(200));
		assertThat(cancelled).isTrue();
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
		assertThat(Bridge.DEFAULT_COMPLETION_TIMEOUT).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void awaitUninterruptiblyRefusesAnUnboundedWait() {
		assertThatIllegalArgumentException().isThrownBy(() -> Bridge.awaitUninterruptibly(Mono.just(1), Duration.ZERO))
			.withMessageContaining("positive limit");
	}

	@Test
	void valueArrivingWhileTheTimeoutCancelsIsReturned() {
		assertThat(Bridge.await(Mono.fromDirect(completesWhenCancelled(42)), Duration.ofMillis(50))).isEqualTo(42);
		assertThat(Bridge.awaitUninterruptibly(Mono.fromDirect(completesWhenCancelled(7)), Duration.ofMillis(50)))
			.isEqualTo(7);
	}

	@Test
	void valueArrivingWhileAnInterruptCancelsIsReturned() {
		Thread.currentThread().interrupt();
		assertThat(Bridge.await(Mono.fromDirect(completesWhenCancelled(42)))).isEqualTo(42);
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
	}

	@Test
	void timeoutIsReportedWhenTheCancelWins() {
		assertThatThrownBy(() -> Bridge.await(Mono.never(), Duration.ofMillis(50)))
			.isInstanceOf(BridgeTimeoutException.class);
	}

	@Test
	void closingAScopeOutOfOrderUnwindsToItsPreviousScopeAndResetsThreadLocals() {
		BridgeScope base = BridgeScope.open(Context.of(THREAD_LOCAL_KEY, "base"));
		BridgeScope outer = BridgeScope.open(Context.of(THREAD_LOCAL_KEY, "outer"));
		BridgeScope inner = BridgeScope.open(Context.of(THREAD_LOCAL_KEY, "inner"));
		assertThat(RESTORED.get()).isEqualTo("inner");
		assertThatThrownBy(outer::close).isInstanceOf(BridgeUsageException.class)
			.hasMessageContaining("reverse order");
		assertThat(BridgeScope.current()).isSameAs(base);
		assertThat(RESTORED.get()).isEqualTo("base");
		inner.close();
		outer.close();
		assertThat(BridgeScope.current()).isSameAs(base);
		base.close();
		assertThat(BridgeScope.current()).isNull();
		assertThat(RESTORED.get()).isNull();
	}

	@Test
	void closingAScopeTwiceOrFromAnotherThreadLeavesNothingBehind() throws Exception {
		BridgeScope scope = BridgeScope.open(Context.of(THREAD_LOCAL_KEY, "scope"));
		List<Throwable> fromOtherThread = new ArrayList<>();
		Thread other = Thread.ofPlatform().start(() -> fromOtherThread.add(catchThrowable(scope::close)));
		other.join(10_000);
		assertThat(fromOtherThread).singleElement().isInstanceOf(BridgeUsageException.class);
		assertThat(BridgeScope.current()).as("still open for its own thread").isSameAs(scope);
		scope.close();
		scope.close();
		assertThat(BridgeScope.current()).isNull();
		assertThat(RESTORED.get()).isNull();
	}

	@Test
	void deadlineOfAScopeShortensTheLimitOfEveryAwaitInIt() throws Exception {
		try (BridgeScope scope = BridgeScope.openWithDeadline(Context.empty(), Duration.ofSeconds(30),
				Duration.ofSeconds(1))) {
			assertThat(BridgeScope.currentTimeout()).isLessThanOrEqualTo(Duration.ofSeconds(1));
			try (BridgeScope nested = BridgeScope.open(Context.of("a", 1), Duration.ofSeconds(10))) {
				assertThat(BridgeScope.currentTimeout()).as("a nested scope keeps the deadline")
					.isLessThanOrEqualTo(Duration.ofSeconds(1));
			}
			Thread.sleep(1100);
			assertThat(scope.isPastDeadline()).isTrue();
			assertThat(BridgeScope.currentTimeout()).as("expired, but not zero (which would mean no limit)")
				.isPositive();
			assertThatThrownBy(() -> Bridge.await(Mono.never())).isInstanceOf(BridgeTimeoutException.class);
		}
		assertThat(BridgeScope.currentTimeout()).as("outside of any scope again")
			.isEqualTo(BridgeScope.defaultTimeout());
	}

	@Test
	void streamWhoseSourceIgnoresBackpressureFailsInsteadOfBufferingWithoutBound() {
		AtomicBoolean cancelled = new AtomicBoolean();
		Flux<Integer> flood = Flux.<Integer>create((sink) -> {
			for (int i = 0; i < 1000 && !sink.isCancelled(); i++) {
				sink.next(i);
			}
			sink.complete();
		}, FluxSink.OverflowStrategy.IGNORE).doOnCancel(() -> cancelled.set(true));
		List<Integer> read = new ArrayList<>();
		try (Stream<Integer> stream = Bridge.stream(flood, 4)) {
			assertThatThrownBy(() -> stream.forEach(read::add)).isInstanceOf(BridgeUsageException.class)
				.hasMessageContaining("prefetch of 4")
				.hasMessageContaining("onBackpressureBuffer");
		}
		assertThat(read).containsExactly(0, 1, 2, 3);
		assertThat(cancelled).isTrue();
	}

	@Test
	void hasNextAfterCloseReturnsFalseAtOnce() {
		AtomicBoolean cancelled = new AtomicBoolean();
		try (BridgeScope scope = BridgeScope.open(Context.empty(), Duration.ofSeconds(3))) {
			Stream<Integer> stream = Bridge.stream(Flux.just(1).concatWith(Flux.never()).doOnCancel(() -> cancelled.set(true)));
			Iterator<Integer> values = stream.iterator();
			assertThat(values.next()).isEqualTo(1);
			stream.close();
			assertThat(values.hasNext()).isFalse();
			assertThat(cancelled).isTrue();
		}
	}

	@Test
	void streamWithItsOwnTimeout() {
		try (BridgeScope scope = BridgeScope.open(Context.empty(), Duration.ofSeconds(30));
				Stream<Object> stream = Bridge.stream(Flux.never(), Duration.ofMillis(100))) {
			assertThatThrownBy(() -> stream.findFirst()).isInstanceOf(BridgeTimeoutException.class)
				.satisfies((ex) -> assertThat(((BridgeTimeoutException) ex).getTimeout())
					.isEqualTo(Duration.ofMillis(100)));
		}
	}

	@Test
	@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void valueThatArrivedBeforeTheTimeoutWinsOverItEvenIfTheCompletionIsLate() {
		CountDownLatch completionMayCome = new CountDownLatch(1);
		AtomicBoolean cancelled = new AtomicBoolean();
		Publisher<String> valueThenLateCompletion = (subscriber) -> subscriber.onSubscribe(new Subscription() {

			@Override
			public void request(long n) {
				Thread.ofVirtual().start(() -> {
					subscriber.onNext("arrived");
					awaitQuietly(completionMayCome);
					subscriber.onComplete();
				});
			}

			@Override
			public void cancel() {
				cancelled.set(true);
			}

		});
		try {
			assertThat(Bridge.await(Mono.fromDirect(valueThenLateCompletion), Duration.ofMillis(200)))
				.isEqualTo("arrived");
			assertThat(cancelled).as("a publisher whose value is taken ends by itself").isFalse();
		}
		finally {
			completionMayCome.countDown();
		}
	}

	@Test
	@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void valueArrivingAfterTheAwaitGaveUpIsDiscarded() {
		List<Object> discarded = new CopyOnWriteArrayList<>();
		try (BridgeScope scope = BridgeScope.open(Operators.enableOnDiscard(Context.empty(), discarded::add))) {
			assertThatThrownBy(() -> Bridge.await(Mono.fromDirect(sendsAfterTheCancel("late")), Duration.ofMillis(100)))
				.isInstanceOf(BridgeTimeoutException.class);
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(discarded).containsExactly("late"));
		}
		ByteBuf pooled = PooledByteBufAllocator.DEFAULT.buffer(16).writeInt(42);
		DataBuffer buffer = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT).wrap(pooled);
		Thread.currentThread().interrupt();
		assertThatThrownBy(() -> Bridge.await(Mono.fromDirect(sendsAfterTheCancel(buffer))))
			.isInstanceOf(BridgeInterruptedException.class);
		await().atMost(Duration.ofSeconds(5)).until(() -> pooled.refCnt() == 0);
	}

	@Test
	@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void closingAStreamFromAnotherThreadEndsAConsumerWaitingWithoutALimit() throws Exception {
		assertClosingFromAnotherThreadEndsTheWait(Duration.ZERO);
	}

	@Test
	@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void closingAStreamFromAnotherThreadEndsAConsumerWaitingWithALimitAsTheEndOfTheStream() throws Exception {
		// a short limit (a timed poll) and a long one (watched by the deadline thread)
		assertClosingFromAnotherThreadEndsTheWait(Duration.ofMillis(900));
		assertClosingFromAnotherThreadEndsTheWait(Duration.ofSeconds(3));
	}

	private void assertClosingFromAnotherThreadEndsTheWait(Duration limit) throws Exception {
		AtomicBoolean cancelled = new AtomicBoolean();
		Stream<Integer> stream = Bridge.stream(Flux.just(1).concatWith(Flux.never()).doOnCancel(() -> cancelled.set(true)),
				limit);
		Iterator<Integer> values = stream.iterator();
		assertThat(values.next()).isEqualTo(1);
		AtomicReference<Object> outcome = new AtomicReference<>();
		Thread consumer = Thread.ofVirtual().start(() -> {
			try {
				outcome.set(values.hasNext());
			}
			catch (Throwable ex) {
				outcome.set(ex);
			}
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> consumer.getState() == Thread.State.WAITING
				|| consumer.getState() == Thread.State.TIMED_WAITING);
		stream.close();
		assertThat(consumer.join(Duration.ofSeconds(5))).as("the consumer woke up").isTrue();
		assertThat(outcome.get()).as("end of the stream, not a timeout").isEqualTo(false);
		assertThat(cancelled).isTrue();
	}

	@Test
	void closingAScopeWhoseStreamFailsToCancelStillRestoresTheThread() {
		RuntimeException first = new IllegalStateException("cancel failed");
		RuntimeException second = new IllegalStateException("cancel failed too");
		BridgeScope outer = BridgeScope.open(Context.of(THREAD_LOCAL_KEY, "outer"));
		try {
			BridgeScope inner = BridgeScope.open(Context.of(THREAD_LOCAL_KEY, "inner"));
			Bridge.stream(Flux.from(failsToCancel(first)));
			Bridge.stream(Flux.from(failsToCancel(second)));
			Throwable thrown = catchThrowable(inner::close);
			assertThat(BridgeScope.current()).isSameAs(outer);
			assertThat(RESTORED.get()).isEqualTo("outer");
			assertThat(thrown).isIn(first, second);
			assertThat(thrown.getSuppressed()).containsExactly((thrown == first) ? second : first);
		}
		finally {
			while (BridgeScope.current() != null) {
				BridgeScope.current().close();
			}
		}
		assertThat(BridgeScope.current()).isNull();
		assertThat(RESTORED.get()).isNull();
	}

	/** A publisher that never sends anything and whose cancel throws. */
	private static <T> Publisher<T> failsToCancel(RuntimeException failure) {
		return (subscriber) -> subscriber.onSubscribe(new Subscription() {

			@Override
			public void request(long n) {
			}

			@Override
			public void cancel() {
				throw failure;
			}

		});
	}

	/** A publisher that sends its value, from another thread, only after it was cancelled. */
	private static <T> Publisher<T> sendsAfterTheCancel(T value) {
		return (subscriber) -> subscriber.onSubscribe(new Subscription() {

			@Override
			public void request(long n) {
			}

			@Override
			public void cancel() {
				// Well after the cancel: a value sent while the await is still cancelling counts
				// (the result wins), so sending it at once would race with the give-up.
				Thread.ofVirtual().start(() -> {
					sleepQuietly(Duration.ofMillis(200));
					subscriber.onNext(value);
					subscriber.onComplete();
				});
			}

		});
	}

	private static void sleepQuietly(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A publisher that sends nothing until it is cancelled, and then its value: the edge of a timeout. */
	private static <T> Publisher<T> completesWhenCancelled(T value) {
		return (subscriber) -> subscriber.onSubscribe(new Subscription() {

			private boolean done;

			@Override
			public void request(long n) {
			}

			@Override
			public void cancel() {
				if (!this.done) {
					this.done = true;
					subscriber.onNext(value);
					subscriber.onComplete();
				}
			}

		});
	}

}
