package io.blockingbridge.core;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link Bridge} on plain threads and virtual threads, without Spring.
 */
class BridgeTests {

	@AfterEach
	void clearInterruptFlag() {
		Thread.interrupted();
	}

	@Test
	void awaitReturnsTheValueOfAMonoCompletedLater() {
		Integer value = Bridge.await(Mono.delay(Duration.ofMillis(20)).map((tick) -> 42));
		assertThat(value).isEqualTo(42);
	}

	@Test
	void awaitOfAnEmptyMonoReturnsNullAndAwaitOptionalEmpty() {
		assertThat(Bridge.<String>await(Mono.empty())).isNull();
		assertThat(Bridge.awaitOptional(Mono.empty())).isEmpty();
		assertThat(Bridge.awaitOptional(Mono.just("x"))).isEqualTo(Optional.of("x"));
	}

	@Test
	void awaitAllCollectsEveryValueInOrder() {
		List<Integer> values = Bridge.awaitAll(Flux.range(1, 5).delayElements(Duration.ofMillis(1)));
		assertThat(values).containsExactly(1, 2, 3, 4, 5);
		assertThat(Bridge.awaitAll(Flux.empty())).isEmpty();
	}

	@Test
	void uncheckedExceptionIsThrownAsTheSameInstanceWithTheCallersFrames() {
		IllegalArgumentException error = new IllegalArgumentException("bad input");
		Throwable thrown = catchThrowable(() -> Bridge.await(Mono.delay(Duration.ofMillis(5)).then(Mono.error(error))));
		assertThat(thrown).isSameAs(error);
		assertThat(thrown.getSuppressed()).hasSize(1);
		Throwable callSite = thrown.getSuppressed()[0];
		assertThat(callSite).hasMessageContaining("Awaited by blocking code");
		assertThat(callSite.getStackTrace()).anySatisfy((frame) -> {
			assertThat(frame.getClassName()).isEqualTo(BridgeTests.class.getName());
			assertThat(frame.getMethodName()).isEqualTo("uncheckedExceptionIsThrownAsTheSameInstanceWithTheCallersFrames");
		});
	}

	@Test
	void awaitingTheSameErrorTwiceDoesNotGrowItsSuppressedList() {
		IllegalStateException error = new IllegalStateException("shared");
		Mono<Object> failing = Mono.error(error);
		catchThrowable(() -> Bridge.await(failing));
		catchThrowable(() -> Bridge.await(failing));
		assertThat(error.getSuppressed()).hasSize(1);
	}

	@Test
	void errorIsThrownAsItIs() {
		AssertionError error = new AssertionError("fatal");
		assertThat(catchThrowable(() -> Bridge.await(Mono.error(error)))).isSameAs(error);
	}

	@Test
	void checkedExceptionIsWrappedInBridgeCheckedException() {
		IOException error = new IOException("disk");
		assertThatThrownBy(() -> Bridge.await(Mono.error(error))).isInstanceOf(BridgeCheckedException.class)
			.hasCause(error);
	}

	@Test
	void timeoutCancelsThePublisherAndNamesTheLimit() {
		AtomicBoolean cancelled = new AtomicBoolean();
		Mono<Object> never = Mono.never().doOnCancel(() -> cancelled.set(true));
		assertThatThrownBy(() -> Bridge.await(never, Duration.ofMillis(100)))
			.isInstanceOf(BridgeTimeoutException.class)
			.hasMessageContaining("PT0.1S")
			.hasMessageContaining("bridge.timeout")
			.satisfies((ex) -> assertThat(((BridgeTimeoutException) ex).getTimeout()).hasMillis(100));
		assertThat(cancelled).isTrue();
	}

	@Test
	@org.junit.jupiter.api.Timeout(30)
	void aLongLimitIsKeptWithoutATimedParkOnAVirtualThread() throws Exception {
		// limits of a second and more are watched by AwaitDeadlines instead of a timed park
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		AtomicLong tookMillis = new AtomicLong();
		Thread waiter = Thread.ofVirtual().start(() -> {
			long start = System.nanoTime();
			try {
				Bridge.await(Mono.never(), Duration.ofMillis(1200));
			}
			catch (Throwable ex) {
				thrown.set(ex);
			}
			tookMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		});
		waiter.join();
		assertThat(thrown.get()).isInstanceOf(BridgeTimeoutException.class).hasMessageContaining("PT1.2S");
		assertThat(tookMillis.get()).as("time until the limit was noticed").isGreaterThanOrEqualTo(1200);
	}

	@Test
	@org.junit.jupiter.api.Timeout(30)
	void manyAwaitsWithLongLimitsEachEndWhenTheirValueArrivesOrTheirLimitPasses() throws Exception {
		int awaits = 2_000;
		List<Thread> threads = new java.util.ArrayList<>();
		AtomicLong values = new AtomicLong();
		AtomicLong timeouts = new AtomicLong();
		for (int i = 0; i < awaits; i++) {
			boolean answered = i % 2 == 0;
			threads.add(Thread.ofVirtual().start(() -> {
				try {
					Mono<String> mono = answered ? Mono.delay(Duration.ofMillis(50)).thenReturn("v") : Mono.never();
					Bridge.await(mono, Duration.ofMillis(answered ? 20_000 : 1_100));
					values.incrementAndGet();
				}
				catch (BridgeTimeoutException ex) {
					timeouts.incrementAndGet();
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(values).hasValue(awaits / 2);
		assertThat(timeouts).hasValue(awaits / 2);
	}

	@Test
	void aNoopObservationOfTheRequestStaysOutOfTheScopeAndAReportedOneIsCarried() {
		io.micrometer.observation.ObservationRegistry registry = io.micrometer.observation.ObservationRegistry.create();
		registry.observationConfig().observationHandler((context) -> true);
		io.micrometer.observation.Observation reported = io.micrometer.observation.Observation.start("order", registry);
		String key = io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor.KEY;
		try (BridgeScope scope = BridgeScope.open(Context.of(key, io.micrometer.observation.Observation.NOOP, "other", 1))) {
			// a no-op observation would be set and reset around every step of every awaited publisher
			assertThat(scope.context().hasKey(key)).isFalse();
			assertThat(scope.context().hasKey("other")).isTrue();
			Boolean seen = Bridge.await(Mono.deferContextual((context) -> Mono.just(context.hasKey(key))));
			assertThat(seen).isFalse();
		}
		try (BridgeScope scope = BridgeScope.open(Context.of(key, reported))) {
			Object carried = scope.context().getOrDefault(key, null);
			assertThat(carried).isSameAs(reported);
			assertThat(registry.getCurrentObservation()).isSameAs(reported);
		}
		finally {
			reported.stop();
		}
	}

	@Test
	void scopeTimeoutAppliesToAwaitsWithoutTheirOwn() {
		try (BridgeScope scope = BridgeScope.open(Context.empty(), Duration.ofMillis(50))) {
			assertThatThrownBy(() -> Bridge.await(Mono.never())).isInstanceOf(BridgeTimeoutException.class);
		}
	}

	@Test
	void zeroTimeoutMeansNoLimit() {
		String value = Bridge.await(Mono.delay(Duration.ofMillis(150)).thenReturn("late"), Duration.ZERO);
		assertThat(value).isEqualTo("late");
	}

	@Test
	void interruptCancelsThePublisherThrowsAtOnceAndKeepsTheFlag() throws Exception {
		CountDownLatch subscribed = new CountDownLatch(1);
		CountDownLatch cancelled = new CountDownLatch(1);
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		AtomicBoolean flagAfter = new AtomicBoolean();
		Thread waiter = Thread.ofVirtual().start(() -> {
			try {
				Bridge.await(Mono.never().doOnSubscribe((s) -> subscribed.countDown()).doOnCancel(cancelled::countDown));
			}
			catch (Throwable ex) {
				thrown.set(ex);
				flagAfter.set(Thread.currentThread().isInterrupted());
			}
		});
		assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();
		waiter.interrupt();
		waiter.join(5000);
		assertThat(thrown.get()).isInstanceOf(BridgeInterruptedException.class);
		assertThat(flagAfter).isTrue();
		assertThat(cancelled.await(0, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void awaitOnANonBlockingThreadFailsAtOnceSayingHowToFixIt() {
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		AtomicBoolean subscribed = new AtomicBoolean();
		Mono.fromRunnable(() -> thrown.set(catchThrowable(
				() -> Bridge.await(Mono.never().doOnSubscribe((s) -> subscribed.set(true))))))
			.subscribeOn(Schedulers.parallel())
			.block(Duration.ofSeconds(5));
		assertThat(thrown.get()).isInstanceOf(BridgeUsageException.class)
			.hasMessageContaining("parallel")
			.hasMessageContaining("@BlockingStyle")
			.hasMessageContaining("bridge.enabled")
			.hasMessageContaining("Bridge.spawn");
		assertThat(subscribed).isFalse();
	}

	@Test
	void awaitSubscribesWithTheScopesContext() {
		try (BridgeScope scope = BridgeScope.open(Context.of("tenant", "acme"))) {
			String tenant = Bridge.await(Mono.deferContextual((context) -> Mono.just(context.get("tenant"))));
			assertThat(tenant).isEqualTo("acme");
			assertThat(Bridge.context().<String>get("tenant")).isEqualTo("acme");
			try (BridgeScope nested = BridgeScope.open(Context.of(Bridge.context()).put("user", "ann"))) {
				assertThat(Bridge.context().<String>get("user")).isEqualTo("ann");
				assertThat(Bridge.context().<String>get("tenant")).isEqualTo("acme");
				assertThat(nested.timeout()).isEqualTo(scope.timeout());
			}
			assertThat(Bridge.context().hasKey("user")).isFalse();
		}
		assertThat(Bridge.context().isEmpty()).isTrue();
	}

	@Test
	void scopesMustBeClosedInOrder() {
		BridgeScope outer = BridgeScope.open(Context.of("a", 1));
		BridgeScope inner = BridgeScope.open(Context.of("b", 2));
		assertThatThrownBy(outer::close).isInstanceOf(BridgeUsageException.class);
		inner.close();
		outer.close();
		assertThat(BridgeScope.current()).isNull();
	}

	@Test
	void spawnRunsOnAVirtualThreadWithTheSubscribersContext() {
		Mono<String> spawned = Bridge.spawn(() -> Thread.currentThread().isVirtual() + ":"
				+ Bridge.context().get("tenant") + ":"
				+ Bridge.await(Mono.deferContextual((context) -> Mono.just(context.<String>get("tenant")))));
		assertThat(spawned.contextWrite(Context.of("tenant", "acme")).block(Duration.ofSeconds(5)))
			.isEqualTo("true:acme:acme");
	}

	@Test
	void spawnPropagatesTheTasksExceptionAndEmptyResult() {
		IllegalStateException error = new IllegalStateException("boom");
		assertThatThrownBy(() -> Bridge.spawn(() -> {
			throw error;
		}).block(Duration.ofSeconds(5))).isSameAs(error);
		assertThat(Bridge.spawn(() -> null).block(Duration.ofSeconds(5))).isNull();
	}

	@Test
	void cancellingASpawnedTaskInterruptsItAndCancelsItsAwait() throws Exception {
		CountDownLatch awaiting = new CountDownLatch(1);
		CountDownLatch innerCancelled = new CountDownLatch(1);
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		AtomicBoolean ranOn = new AtomicBoolean();
		CountDownLatch ended = new CountDownLatch(1);
		var disposable = Bridge.spawn(() -> {
			try {
				Bridge.await(Mono.never().doOnSubscribe((s) -> awaiting.countDown()).doOnCancel(innerCancelled::countDown));
				ranOn.set(true);
			}
			catch (Throwable ex) {
				thrown.set(ex);
			}
			finally {
				ended.countDown();
			}
			return "done";
		}).subscribe();
		assertThat(awaiting.await(5, TimeUnit.SECONDS)).isTrue();
		disposable.dispose();
		assertThat(innerCancelled.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(thrown.get()).isInstanceOf(BridgeInterruptedException.class);
		assertThat(ranOn).isFalse();
	}

	@Test
	void streamPullsWithBoundedDemandAndCancelsOnClose() {
		AtomicLong requested = new AtomicLong();
		AtomicLong emitted = new AtomicLong();
		AtomicBoolean cancelled = new AtomicBoolean();
		Flux<Integer> source = Flux.range(1, 1_000_000)
			.doOnRequest(requested::addAndGet)
			.doOnNext((value) -> emitted.incrementAndGet())
			.doOnCancel(() -> cancelled.set(true));
		List<Integer> firstFive;
		try (Stream<Integer> stream = Bridge.stream(source, 8)) {
			firstFive = stream.limit(5).toList();
			assertThat(emitted.get()).isLessThanOrEqualTo(16);
			assertThat(requested.get()).isLessThanOrEqualTo(16);
		}
		assertThat(firstFive).containsExactly(1, 2, 3, 4, 5);
		assertThat(cancelled).isTrue();
	}

	@Test
	void streamReadsToTheEndAcrossManyRefills() {
		try (Stream<Integer> stream = Bridge.stream(Flux.range(1, 1000).publishOn(Schedulers.parallel()), 16)) {
			assertThat(stream.mapToInt(Integer::intValue).sum()).isEqualTo(500500);
		}
	}

	@Test
	void streamThrowsThePublishersErrorWhereItOccurs() {
		IllegalStateException error = new IllegalStateException("row 3");
		try (Stream<Integer> stream = Bridge.stream(Flux.just(1, 2).concatWith(Mono.error(error)))) {
			assertThatThrownBy(stream::toList).isSameAs(error);
		}
	}

	@Test
	void streamWaitsForEachValueNoLongerThanTheScopesLimit() {
		AtomicBoolean cancelled = new AtomicBoolean();
		try (BridgeScope scope = BridgeScope.open(Context.empty(), Duration.ofMillis(100));
				Stream<Object> stream = Bridge.stream(Flux.never().doOnCancel(() -> cancelled.set(true)))) {
			assertThatThrownBy(stream::toList).isInstanceOf(BridgeTimeoutException.class);
		}
		assertThat(cancelled).isTrue();
	}

	@Test
	@org.junit.jupiter.api.Timeout(30)
	void streamKeepsALongLimitPerValueWithoutATimedPark() {
		// values 300 ms apart are each within the limit of 1.1 s; waiting for the one that never comes is not
		AtomicBoolean cancelled = new AtomicBoolean();
		Flux<Long> slow = Flux.interval(Duration.ofMillis(300)).take(5).concatWith(Flux.never());
		try (BridgeScope scope = BridgeScope.open(Context.empty(), Duration.ofMillis(1100));
				Stream<Long> stream = Bridge.stream(slow.doOnCancel(() -> cancelled.set(true)))) {
			List<Long> seen = new java.util.ArrayList<>();
			assertThatThrownBy(() -> stream.forEach(seen::add)).isInstanceOf(BridgeTimeoutException.class)
				.hasMessageContaining("PT1.1S");
			assertThat(seen).containsExactly(0L, 1L, 2L, 3L, 4L);
		}
		assertThat(cancelled).isTrue();
	}

	@Test
	void streamOnANonBlockingThreadFailsAtOnce() {
		Throwable thrown = Mono.fromCallable(() -> catchThrowable(() -> Bridge.stream(Flux.just(1))))
			.subscribeOn(Schedulers.parallel())
			.block(Duration.ofSeconds(5));
		assertThat(thrown).isInstanceOf(BridgeUsageException.class);
	}

}
