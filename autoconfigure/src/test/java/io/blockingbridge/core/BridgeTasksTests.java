package io.blockingbridge.core;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.context.ContextRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link Bridge#concurrently()}, {@link BridgeTasks} and {@link Bridge#all}, without
 * Spring: real virtual threads and real Reactor publishers.
 */
class BridgeTasksTests {

	private static final String THREAD_LOCAL_KEY = "bridge-tasks-tests.locale";

	/** A ThreadLocal that context-propagation knows, set only on the forking thread. */
	private static final ThreadLocal<String> CALLERS = new ThreadLocal<>();

	@BeforeAll
	static void registerThreadLocal() {
		ContextRegistry.getInstance().registerThreadLocalAccessor(THREAD_LOCAL_KEY, CALLERS);
	}

	@AfterEach
	void clearThread() {
		CALLERS.remove();
		Thread.interrupted();
	}

	@Test
	void forksRunAtTheSameTime() throws Exception {
		// each fork waits until both have started: one after the other, the first would wait in vain
		CountDownLatch bothStarted = new CountDownLatch(2);
		Callable<Boolean> meetTheOther = () -> {
			bothStarted.countDown();
			return bothStarted.await(10, TimeUnit.SECONDS);
		};
		try (BridgeTasks tasks = Bridge.concurrently()) {
			Supplier<Boolean> first = tasks.fork(meetTheOther);
			Supplier<Boolean> second = tasks.fork(meetTheOther);
			tasks.join();
			assertThat(first.get()).isTrue();
			assertThat(second.get()).isTrue();
		}
	}

	@Test
	void threeOneSecondAwaitsTakeAboutOneSecondTogether() {
		long start = System.nanoTime();
		List<String> results = Bridge.all(List.of(() -> delayed("a", 1000), () -> delayed("b", 1000),
				() -> delayed("c", 1000)));
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(results).containsExactly("a", "b", "c");
		// loose: one after the other they take 3 s
		assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1000)).isLessThan(Duration.ofMillis(2900));
	}

	@Test
	void eachForkRunsOnAVirtualThreadNamedAfterTheCaller() throws Exception {
		AtomicReference<List<String>> names = new AtomicReference<>();
		Thread caller = Thread.ofVirtual().name("caller").start(() -> {
			try (BridgeTasks tasks = Bridge.concurrently()) {
				Supplier<String> first = tasks.fork(() -> Thread.currentThread().isVirtual() + " " + Thread.currentThread().getName());
				Supplier<String> second = tasks.fork(() -> Thread.currentThread().getName());
				tasks.join();
				names.set(List.of(first.get(), second.get()));
			}
		});
		assertThat(caller.join(Duration.ofSeconds(10))).isTrue();
		assertThat(names.get()).containsExactly("true caller-fork-1", "caller-fork-2");
	}

	@Test
	void aFailingForkCancelsItsSiblingsAndJoinThrowsItsOwnException() throws Exception {
		CountDownLatch siblingWaits = new CountDownLatch(1);
		CountDownLatch siblingCancelled = new CountDownLatch(1);
		AtomicReference<@Nullable Throwable> siblingSaw = new AtomicReference<>();
		IllegalStateException failure = new IllegalStateException("courier unavailable");
		BridgeTasks.Subtask<Object> sibling;
		BridgeTasks.Subtask<Object> failing;
		try (BridgeTasks tasks = Bridge.concurrently()) {
			sibling = tasks.fork(() -> {
				try {
					return Bridge.await(Mono.never().doOnSubscribe((s) -> siblingWaits.countDown())
						.doOnCancel(siblingCancelled::countDown));
				}
				catch (RuntimeException ex) {
					siblingSaw.set(ex);
					throw ex;
				}
			});
			failing = tasks.fork(() -> {
				siblingWaits.await(10, TimeUnit.SECONDS);
				throw failure;
			});
			Throwable thrown = catchThrowable(tasks::join);
			assertThat(thrown).isSameAs(failure);
			assertThat(thrown.getSuppressed()).anySatisfy((callSite) -> {
				assertThat(callSite).hasMessageContaining("Joined by blocking code on thread");
				assertThat(callSite.getStackTrace()).anySatisfy((frame) -> assertThat(frame.getMethodName())
					.isEqualTo("aFailingForkCancelsItsSiblingsAndJoinThrowsItsOwnException"));
			});
		}
		assertThat(siblingCancelled.await(0, TimeUnit.SECONDS)).as("the sibling's Mono was cancelled").isTrue();
		assertThat(siblingSaw.get()).isInstanceOf(BridgeInterruptedException.class);
		assertThat(failing.state()).isEqualTo(BridgeTasks.Subtask.State.FAILED);
		assertThat(failing.exception()).isSameAs(failure);
		assertThatThrownBy(failing::get).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("join() threw that exception");
		assertThat(sibling.state()).isEqualTo(BridgeTasks.Subtask.State.UNAVAILABLE);
		assertThatThrownBy(sibling::get).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("cancelled because fork")
			.hasMessageContaining("courier unavailable");
	}

	@Test
	void aCheckedExceptionIsWrappedAndAnErrorThrownAsItIs() {
		IOException checked = new IOException("disk");
		try (BridgeTasks tasks = Bridge.concurrently()) {
			tasks.fork(() -> {
				throw checked;
			});
			assertThatThrownBy(tasks::join).isInstanceOf(BridgeCheckedException.class).hasCause(checked);
		}
		AssertionError error = new AssertionError("fatal");
		try (BridgeTasks tasks = Bridge.concurrently()) {
			tasks.fork(() -> {
				throw error;
			});
			assertThat(catchThrowable(tasks::join)).isSameAs(error);
		}
	}

	@Test
	void eachForkSeesTheCallersContextThreadLocalsAndTimeLimit() {
		CALLERS.set("set by the caller, not in the context");
		try (BridgeScope scope = BridgeScope.open(Context.of("tenant", "acme"), Duration.ofSeconds(7))) {
			List<String> seen = Bridge.all(List.of(BridgeTasksTests::whatAForkSees, BridgeTasksTests::whatAForkSees));
			assertThat(seen).containsOnly("acme acme|set by the caller, not in the context|PT7S");
		}
		assertThat(BridgeScope.current()).isNull();
	}

	@Test
	void theCallersDeadlineLimitsEachFork() {
		try (BridgeScope scope = BridgeScope.openWithDeadline(Context.empty(), Duration.ofSeconds(30),
				Duration.ofMillis(300))) {
			AtomicReference<Duration> limit = new AtomicReference<>();
			try (BridgeTasks tasks = Bridge.concurrently()) {
				tasks.fork(() -> limit.set(BridgeScope.currentTimeout()));
				tasks.fork(() -> Bridge.await(Mono.never()));
				// the fork's await or the join, whichever gives up first at the deadline
				assertThatThrownBy(tasks::join).isInstanceOf(BridgeTimeoutException.class);
			}
			assertThat(limit.get()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(300));
		}
	}

	@Test
	void joinWaitsNoLongerThanTheScopesDeadlineAndThenCancelsTheForks() {
		AtomicBoolean cancelled = new AtomicBoolean();
		try (BridgeScope scope = BridgeScope.openWithDeadline(Context.empty(), Duration.ZERO, Duration.ofMillis(300));
				BridgeTasks tasks = Bridge.concurrently()) {
			// an await without a limit of its own: only join's limit ends it
			tasks.fork(() -> Bridge.await(Mono.never().doOnCancel(() -> cancelled.set(true)), Duration.ZERO));
			assertThatThrownBy(tasks::join).isInstanceOf(BridgeTimeoutException.class)
				.hasMessageContaining("deadline");
		}
		assertThat(cancelled).isTrue();
	}

	@Test
	void interruptingTheCallerCancelsEveryFork() throws Exception {
		CountDownLatch waiting = new CountDownLatch(2);
		CountDownLatch cancelled = new CountDownLatch(2);
		AtomicReference<@Nullable Throwable> thrown = new AtomicReference<>();
		AtomicBoolean flagKept = new AtomicBoolean();
		Thread caller = Thread.ofVirtual().start(() -> {
			try (BridgeTasks tasks = Bridge.concurrently()) {
				for (int i = 0; i < 2; i++) {
					tasks.fork(() -> Bridge.await(Mono.never().doOnSubscribe((s) -> waiting.countDown())
						.doOnCancel(cancelled::countDown)));
				}
				tasks.join();
			}
			catch (Throwable ex) {
				thrown.set(ex);
				flagKept.set(Thread.currentThread().isInterrupted());
			}
		});
		assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
		caller.interrupt();
		assertThat(caller.join(Duration.ofSeconds(10))).isTrue();
		assertThat(cancelled.await(0, TimeUnit.SECONDS)).as("both forks' Monos cancelled").isTrue();
		assertThat(thrown.get()).isInstanceOf(BridgeInterruptedException.class);
		assertThat(flagKept).isTrue();
	}

	@Test
	void closeWithoutJoinCancelsTheForksAndWaitsForThemToEnd() throws Exception {
		CountDownLatch waiting = new CountDownLatch(1);
		AtomicBoolean cancelled = new AtomicBoolean();
		AtomicBoolean ended = new AtomicBoolean();
		long start = System.nanoTime();
		try (BridgeTasks tasks = Bridge.concurrently()) {
			tasks.fork(() -> {
				try {
					return Bridge.await(Mono.never().doOnSubscribe((s) -> waiting.countDown())
						.doOnCancel(() -> cancelled.set(true)), Duration.ofSeconds(60));
				}
				finally {
					// the interrupted fork takes a while to clean up: close must wait for it
					long until = System.nanoTime() + Duration.ofMillis(300).toNanos();
					while (System.nanoTime() < until) {
						Thread.onSpinWait();
					}
					ended.set(true);
				}
			});
			assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(cancelled).isTrue();
		assertThat(ended).as("the fork ended before close() returned").isTrue();
		// liveness: cancelled by close, not by its own 60 s limit
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
	}

	@Test
	void aForkDoesNotOutliveAScopeLeftByAnException() {
		AtomicReference<@Nullable Thread> fork = new AtomicReference<>();
		CountDownLatch started = new CountDownLatch(1);
		assertThatThrownBy(() -> {
			try (BridgeTasks tasks = Bridge.concurrently()) {
				tasks.fork(() -> {
					fork.set(Thread.currentThread());
					started.countDown();
					return Bridge.await(Mono.never());
				});
				started.await(10, TimeUnit.SECONDS);
				throw new IllegalArgumentException("the caller's own failure");
			}
		}).isInstanceOf(IllegalArgumentException.class).hasNoSuppressedExceptions();
		assertThat(fork.get()).isNotNull();
		assertThat(fork.get().isAlive()).isFalse();
	}

	@Test
	void getBeforeJoinSaysToJoinFirst() {
		try (BridgeTasks tasks = Bridge.concurrently()) {
			BridgeTasks.Subtask<String> subtask = tasks.fork(() -> "x");
			assertThatThrownBy(subtask::get).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("call join()");
			tasks.join();
			assertThat(subtask.get()).isEqualTo("x");
			assertThat(subtask.state()).isEqualTo(BridgeTasks.Subtask.State.SUCCESS);
		}
	}

	@Test
	void forkingAfterJoinOrCloseOrFromAnotherThreadFailsClearly() throws Exception {
		BridgeTasks closed = Bridge.concurrently();
		closed.close();
		assertThatThrownBy(() -> closed.fork(() -> "late")).isInstanceOf(BridgeUsageException.class)
			.hasMessageContaining("after close()")
			.hasMessageContaining("Bridge.concurrently()");
		try (BridgeTasks tasks = Bridge.concurrently()) {
			AtomicReference<@Nullable Throwable> fromFork = new AtomicReference<>();
			tasks.fork(() -> fromFork.set(catchThrowable(() -> tasks.fork(() -> "nested"))));
			AtomicReference<@Nullable Throwable> fromOther = new AtomicReference<>();
			Thread other = Thread.ofVirtual().name("other").start(() -> fromOther.set(catchThrowable(() -> tasks.fork(() -> "x"))));
			other.join();
			tasks.join();
			assertThat(fromFork.get()).isInstanceOf(BridgeUsageException.class)
				.hasMessageContaining("must be called by the thread that opened the scope");
			assertThat(fromOther.get()).isInstanceOf(BridgeUsageException.class).hasMessageContaining("'other'");
			assertThatThrownBy(() -> tasks.fork(() -> "late")).isInstanceOf(BridgeUsageException.class)
				.hasMessageContaining("after join()");
			assertThatThrownBy(tasks::join).isInstanceOf(BridgeUsageException.class)
				.hasMessageContaining("called already");
		}
	}

	@Test
	void concurrentlyOnANonBlockingThreadFailsAtOnce() {
		Throwable thrown = Mono.fromCallable(() -> catchThrowable(Bridge::concurrently))
			.subscribeOn(Schedulers.parallel())
			.block(Duration.ofSeconds(5));
		assertThat(thrown).isInstanceOf(BridgeUsageException.class).hasMessageContaining("Bridge.concurrently");
	}

	@Test
	void allReturnsTheResultsInTheOrderOfTheTasksWhateverOrderTheyEndIn() {
		List<Callable<@Nullable String>> tasks = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			int n = i;
			tasks.add(() -> (n == 3) ? null : delayed("r" + n, 250 - 50 * n));
		}
		assertThat(Bridge.all(tasks)).containsExactly("r0", "r1", "r2", null, "r4");
	}

	@Test
	void allOfNoTasksIsAnEmptyList() {
		assertThat(Bridge.all(List.<Callable<String>>of())).isEmpty();
	}

	@Test
	void allRefusesANullTaskBeforeStartingAny() {
		AtomicBoolean ran = new AtomicBoolean();
		List<@Nullable Callable<String>> tasks = Arrays.asList(() -> {
			ran.set(true);
			return "x";
		}, null);
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Bridge.all(tasks))
			.withMessageContaining("task 1");
		assertThat(ran).isFalse();
	}

	@Test
	void allThrowsTheFirstFailureAndCancelsTheOtherTasks() {
		AtomicBoolean cancelled = new AtomicBoolean();
		CountDownLatch waiting = new CountDownLatch(1);
		UnsupportedOperationException failure = new UnsupportedOperationException("no");
		List<Callable<Object>> tasks = List.of(() -> Bridge.await(Mono.never().doOnSubscribe((s) -> waiting.countDown())
			.doOnCancel(() -> cancelled.set(true)), Duration.ofSeconds(60)), () -> {
				waiting.await(10, TimeUnit.SECONDS);
				throw failure;
			});
		long start = System.nanoTime();
		assertThat(catchThrowable(() -> Bridge.all(tasks))).isSameAs(failure);
		assertThat(cancelled).isTrue();
		// liveness: cancelled by the failure, not by its own 60 s limit
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
	}

	@Test
	@Timeout(value = 15, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // fail rather than hang
	void aForkWhoseThreadFailsToStartFailsTheScopeInsteadOfHangingJoin() throws Exception {
		RejectedExecutionException refused = new RejectedExecutionException("no thread for you");
		AtomicInteger starts = new AtomicInteger();
		AtomicBoolean siblingCancelled = new AtomicBoolean();
		CountDownLatch siblingWaits = new CountDownLatch(1);
		BridgeTasks.Subtask<Object> sibling;
		BridgeTasks.Subtask<String> refusedFork;
		try (BridgeTasks tasks = new BridgeTasks((thread) -> {
			if (starts.incrementAndGet() == 2) {
				throw refused;
			}
			thread.start();
		})) {
			sibling = tasks.fork(() -> Bridge.await(Mono.never()
				.doOnSubscribe((s) -> siblingWaits.countDown())
				.doOnCancel(() -> siblingCancelled.set(true)), Duration.ofSeconds(60)));
			assertThat(await(siblingWaits)).isTrue();
			refusedFork = tasks.fork(() -> "never runs");
			assertThatThrownBy(tasks::join).isSameAs(refused);
		}
		assertThat(refusedFork.state()).isEqualTo(BridgeTasks.Subtask.State.FAILED);
		assertThat(refusedFork.exception()).isSameAs(refused);
		assertThat(sibling.state()).isEqualTo(BridgeTasks.Subtask.State.UNAVAILABLE);
		assertThat(siblingCancelled).isTrue();
	}

	@Test
	@Timeout(value = 15, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // fail rather than hang
	void aForkWhoseThreadFailsToStartDoesNotHangClose() {
		// an Error such as "OutOfMemoryError: unable to create native thread" (not thrown here: it ends the test JVM)
		InternalError noThread = new InternalError("could not start a thread");
		AtomicReference<BridgeTasks.Subtask<String>> fork = new AtomicReference<>();
		Throwable thrown;
		try (BridgeTasks tasks = new BridgeTasks((thread) -> {
			throw noThread;
		})) {
			thrown = catchThrowable(() -> fork.set(tasks.fork(() -> "never runs")));
		}
		assertThat(thrown).isNull();
		assertThat(fork.get().state()).isEqualTo(BridgeTasks.Subtask.State.FAILED);
	}

	private static boolean await(CountDownLatch latch) throws InterruptedException {
		return latch.await(10, TimeUnit.SECONDS);
	}

	private static String whatAForkSees() {
		String awaited = Bridge.await(Mono.deferContextual((context) -> Mono.just(context.<String>get("tenant"))));
		return Bridge.context().get("tenant") + " " + awaited + "|" + CALLERS.get() + "|" + BridgeScope.currentTimeout();
	}

	private static String delayed(String value, long millis) {
		return Bridge.await(Mono.delay(Duration.ofMillis(millis)).thenReturn(value));
	}

}
