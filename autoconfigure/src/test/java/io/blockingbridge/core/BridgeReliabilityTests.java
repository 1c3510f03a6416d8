package io.blockingbridge.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

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
