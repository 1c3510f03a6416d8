package io.blockingbridge.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Crosses between blocking-style code and reactive publishers, the counterpart of SQLAlchemy's
 * {@code await_only} and {@code greenlet_spawn}.
 * <ul>
 * <li>{@link #await(Mono)} and its siblings wait for a publisher from plain code. On a virtual
 * thread that wait parks cheaply while the event loop does the I/O. They take a {@code Mono} or
 * {@code Flux}, or any Reactive Streams {@link Publisher} ({@link #await(Publisher)},
 * {@link #stream(Publisher)}).</li>
 * <li>{@link #spawn(Callable)} runs plain code on a new virtual thread as a {@code Mono}, in a scope
 * holding the subscriber's Reactor Context.</li>
 * <li>{@link #concurrently()} and {@link #all(Collection)} run several pieces of plain code at once,
 * each on a virtual thread of its own, and wait for all of them ({@link BridgeTasks}).</li>
 * </ul>
 * The rules below hold for every await, including those of the blocking clients and repositories
 * built on it; this is the one place they are written down.
 * <h2>Context</h2> The publisher is subscribed with the current {@link BridgeScope scope's} Reactor
 * Context (in a {@code @BlockingStyle} request, the request's), so filters, security, tracing and
 * transactions downstream see its values. ThreadLocal values that Micrometer context-propagation
 * knows (MDC, observations, registered {@code ThreadLocalAccessor}s) are restored on the virtual
 * thread from that context and cleared afterwards.
 * <h2>Errors</h2> An unchecked exception or error signalled by the publisher is thrown as that same
 * instance, with a suppressed {@code AwaitCallSite} entry that shows the blocking caller's frames. A
 * checked exception is wrapped in a {@link BridgeCheckedException} ({@code getCause()} is the
 * original).
 * <h2>Time limits and interruption</h2> Every await without a limit of its own gets the one
 * {@link BridgeScope#currentTimeout()} answers: the time its scope leaves, or outside of any scope
 * the {@code bridge.timeout} of the application it belongs to. The rule, the same for every entry
 * point, is written down once in docs/bridge.md, section "Time limits". When the limit expires the
 * publisher is cancelled and a
 * {@link BridgeTimeoutException} is thrown; left unhandled in a request it answers
 * {@code 504 Gateway Timeout}. When the waiting thread is interrupted (the client of a request went
 * away, a spawned Mono was cancelled) the publisher is cancelled, a
 * {@link BridgeInterruptedException} is thrown at once and the interrupt flag stays set. The result
 * wins over giving up: a publisher whose value has arrived, or that completes while the wait is
 * giving up, still delivers it. A value that arrives after the give-up is dropped: a data buffer is
 * released, anything else goes to Reactor's discard hook.
 * <p>
 * Steps that must run to their end once started (a commit, a rollback, releasing a resource) are
 * awaited with {@link #awaitUninterruptibly(Mono)} instead: neither an interrupt nor the scope's
 * limit cancels them, only a hard upper bound.
 * <h2>Where it may block</h2> On a thread that must not block (a Reactor Netty event loop or any
 * other {@link reactor.core.scheduler.NonBlocking} thread) every await throws a
 * {@link BridgeUsageException} at once, saying how to fix it. On every other thread (virtual threads,
 * main, tests, {@code CommandLineRunner}, {@code @Scheduled}, schedulers for blocking work) it simply
 * blocks: the bridge works outside of requests too.
 */
public final class Bridge {

	/** Values buffered ahead of a {@link #stream(Flux) stream}'s consumer unless told otherwise. */
	public static final int DEFAULT_PREFETCH = 32;

	/**
	 * The hard upper bound of {@link #awaitUninterruptibly(Mono)}: 60 seconds, long enough for any
	 * healthy commit or rollback, short enough that a dead server does not hold a thread forever.
	 */
	public static final Duration DEFAULT_COMPLETION_TIMEOUT = Duration.ofSeconds(60);

	private static final ThreadFactory SPAWNED_THREADS = Thread.ofVirtual().name("bridge-spawn-", 0).factory();

	private Bridge() {
	}

	/**
	 * Wait for the given Mono and return its value.
	 * @param <T> the type of the value
	 * @param mono the publisher to await
	 * @return the value, or {@code null} if the Mono completed empty
	 * @throws BridgeTimeoutException if it does not complete within the scope's time limit
	 * @throws BridgeInterruptedException if the thread is interrupted while waiting
	 * @throws BridgeUsageException if the current thread must not block
	 */
	public static <T> @Nullable T await(Mono<T> mono) {
		return await(mono, BridgeScope.currentTimeout());
	}

	/**
	 * Wait for the given Mono, at most for the given time, and return its value.
	 * @param <T> the type of the value
	 * @param mono the publisher to await
	 * @param timeout the limit for this await; zero means none
	 * @return the value, or {@code null} if the Mono completed empty
	 * @throws BridgeTimeoutException if it does not complete within the limit
	 * @throws BridgeInterruptedException if the thread is interrupted while waiting
	 * @throws BridgeUsageException if the current thread must not block
	 */
	public static <T> @Nullable T await(Mono<T> mono, Duration timeout) {
		BlockingCheck.beforeBlocking("Bridge.await");
		BridgeScope scope = BridgeScope.current();
		if (scope == null) {
			AwaitSubscriber<T> subscriber = new AwaitSubscriber<>(Context.empty());
			mono.subscribe(subscriber);
			return subscriber.await(timeout);
		}
		AwaitSubscriber<T> subscriber = new AwaitSubscriber<>(scope.context());
		Object before = scope.beginAwait(mono);
		AwaitOutcome outcome = AwaitOutcome.ERROR;
		try {
			mono.subscribe(subscriber);
			T value = subscriber.await(timeout);
			outcome = AwaitOutcome.SUCCESS;
			return value;
		}
		catch (BridgeTimeoutException ex) {
			outcome = AwaitOutcome.TIMEOUT;
			throw ex;
		}
		catch (BridgeInterruptedException ex) {
			outcome = scope.isCancelled() ? AwaitOutcome.CANCELLED : AwaitOutcome.INTERRUPTED;
			throw ex;
		}
		finally {
			scope.endAwait(before);
			observe(scope, outcome);
		}
	}

	/**
	 * Wait for the first value of the given publisher, of any Reactive Streams library (RxJava,
	 * Mutiny, a driver's own), and return it. A {@code Mono} is awaited exactly like
	 * {@link #await(Mono)}; any other publisher (a {@code Flux} too) is asked for its first value
	 * and cancelled once that value has arrived, so the rest of its values are never produced. Use
	 * {@link #stream(Publisher)} or {@link #awaitAll(Flux)} to read all of them.
	 * @param <T> the type of the value
	 * @param publisher the publisher to await
	 * @return the first value, or {@code null} if the publisher completed without one
	 * @throws BridgeTimeoutException if no value or completion arrives within the scope's time limit
	 * @throws BridgeInterruptedException if the thread is interrupted while waiting
	 * @throws BridgeUsageException if the current thread must not block
	 */
	public static <T> @Nullable T await(Publisher<T> publisher) {
		return await(Mono.from(publisher), BridgeScope.currentTimeout());
	}

	/**
	 * Wait for the first value of the given publisher, at most for the given time, and return it;
	 * see {@link #await(Publisher)}.
	 * @param <T> the type of the value
	 * @param publisher the publisher to await
	 * @param timeout the limit for this await; zero means none
	 * @return the first value, or {@code null} if the publisher completed without one
	 * @throws BridgeTimeoutException if no value or completion arrives within the limit
	 * @throws BridgeInterruptedException if the thread is interrupted while waiting
	 * @throws BridgeUsageException if the current thread must not block
	 */
	public static <T> @Nullable T await(Publisher<T> publisher, Duration timeout) {
		return await(Mono.from(publisher), timeout);
	}

	private static void observe(BridgeScope scope, AwaitOutcome outcome) {
		AwaitObserver observer = scope.observer();
		if (observer != null) {
			observer.awaitEnded(outcome);
		}
	}

	/**
	 * Return the given Mono with a description of what it is, for the live view of blocked requests
	 * (the actuator endpoint {@code bridge}), which shows what each request waits for. The blocking
	 * clients describe their own awaits (the SQL, "GET http://host/path"); describe your own Monos
	 * where the view should say more than "Mono". Reactor's {@code mono.name("...")} works as well.
	 * @param <T> the type of the value
	 * @param mono the publisher to describe
	 * @param description what it is; its {@code toString()} is only called when someone looks. It
	 * must not contain secrets or personal data: the live view shows it to operators
	 * @return a Mono that behaves exactly like the given one
	 */
	public static <T> Mono<T> describe(Mono<T> mono, Object description) {
		return new DescribedMono<>(mono, description);
	}

	/**
	 * Wait for the given Mono to run to its end, whatever happens to the waiting thread meanwhile,
	 * and return its value; at most for {@link #DEFAULT_COMPLETION_TIMEOUT}.
	 * <p>
	 * Use it for a step that must not be cut short once started, because cancelling it would leave
	 * something behind: committing or rolling back a transaction (cancelling Spring's commit skips
	 * the release of its connection), returning a connection or lock, writing an outcome that the
	 * caller is told about. Unlike {@link #await(Mono)} it does not cancel the publisher when the
	 * thread is interrupted (a client disconnect, a cancelled {@link #spawn spawned} task): it keeps
	 * waiting and sets the interrupt flag again before it returns or throws, so that the code after
	 * it still learns of the interrupt. It ignores the scope's time limit ({@code bridge.timeout},
	 * a transaction's timeout) too. Do not use it for ordinary reads and writes, which should give up
	 * when the request is gone.
	 * @param <T> the type of the value
	 * @param mono the publisher to await
	 * @return the value, or {@code null} if the Mono completed empty
	 * @throws BridgeTimeoutException if it does not complete within the hard limit; it has been
	 * cancelled then
	 * @throws BridgeUsageException if the current thread must not block
	 */
	public static <T> @Nullable T awaitUninterruptibly(Mono<T> mono) {
		return awaitUninterruptibly(mono, DEFAULT_COMPLETION_TIMEOUT);
	}

	/**
	 * Wait for the given Mono to run to its end, whatever happens to the waiting thread meanwhile,
	 * at most for the given limit, and return its value. See {@link #awaitUninterruptibly(Mono)}.
	 * @param <T> the type of the value
	 * @param mono the publisher to await
	 * @param limit the hard upper bound; must be positive, since a step that may never end must not
	 * hold a thread that cannot be interrupted
	 * @return the value, or {@code null} if the Mono completed empty
	 * @throws BridgeTimeoutException if it does not complete within the limit; it has been cancelled
	 * then
	 * @throws BridgeUsageException if the current thread must not block
	 */
	public static <T> @Nullable T awaitUninterruptibly(Mono<T> mono, Duration limit) {
		if (limit.isNegative() || limit.isZero()) {
			throw new IllegalArgumentException("Bridge.awaitUninterruptibly needs a positive limit, so that a "
					+ "publisher that never completes cannot hold the thread forever; but it was " + limit);
		}
		BlockingCheck.beforeBlocking("Bridge.awaitUninterruptibly");
		BridgeScope scope = BridgeScope.current();
		AwaitSubscriber<T> subscriber = new AwaitSubscriber<>((scope != null) ? scope.context() : Context.empty());
		Object before = (scope != null) ? scope.beginAwait(mono) : null;
		AwaitOutcome outcome = AwaitOutcome.ERROR;
		try {
			mono.subscribe(subscriber);
			T value = subscriber.awaitUninterruptibly(limit, "Check that the server it talks to is reachable and healthy; "
					+ "if the step is expected to take longer, pass a larger limit to Bridge.awaitUninterruptibly(mono, limit).");
			outcome = AwaitOutcome.SUCCESS;
			return value;
		}
		catch (BridgeTimeoutException ex) {
			outcome = AwaitOutcome.TIMEOUT;
			throw ex;
		}
		finally {
			if (scope != null) {
				scope.endAwait(before);
				observe(scope, outcome);
			}
		}
	}

	/**
	 * Wait for the given Mono and return its value, if any.
	 * @param <T> the type of the value
	 * @param mono the publisher to await
	 * @return the value, or empty if the Mono completed empty
	 */
	public static <T> Optional<T> awaitOptional(Mono<T> mono) {
		return Optional.ofNullable(await(mono));
	}

	/**
	 * Wait for the given Flux to complete and return all of its values.
	 * @param <T> the type of the values
	 * @param flux the publisher to await
	 * @return the values in the order they were emitted
	 */
	public static <T> List<T> awaitAll(Flux<T> flux) {
		List<T> values = await(flux.collectList());
		return (values != null) ? values : List.of();
	}

	/**
	 * Return the values of the given Flux as a Stream that pulls them with backpressure, at most
	 * {@value #DEFAULT_PREFETCH} ahead of the consumer. Closing the stream cancels the Flux: use it
	 * in a try-with-resources block unless it is always read to its end. The time limit applies to
	 * the wait for each value. A stream opened in a {@link BridgeScope} is closed at the latest when
	 * that scope closes (the end of a {@code @BlockingStyle} request, a spawned task or a
	 * transaction), with a warning in the log if it was neither closed nor read to its end; outside
	 * of any scope, a stream that is never closed holds its publisher (and a database connection)
	 * until the publisher ends by itself.
	 * @param <T> the type of the values
	 * @param flux the publisher to read
	 * @return a sequential stream of the values
	 */
	public static <T> Stream<T> stream(Flux<T> flux) {
		return stream(flux, DEFAULT_PREFETCH);
	}

	/**
	 * Return the values of the given Flux as a Stream that pulls them with backpressure, at most
	 * {@value #DEFAULT_PREFETCH} ahead of the consumer, waiting for each value at most for the given
	 * time instead of the scope's limit. Closing the stream cancels the Flux.
	 * @param <T> the type of the values
	 * @param flux the publisher to read
	 * @param timeout the limit of the wait for each value; zero means none
	 * @return a sequential stream of the values
	 */
	public static <T> Stream<T> stream(Flux<T> flux, Duration timeout) {
		return stream(flux, DEFAULT_PREFETCH, timeout);
	}

	/**
	 * Return the values of the given Flux as a Stream that pulls them with backpressure, at most
	 * {@code prefetch} ahead of the consumer. Closing the stream cancels the Flux, and the stream
	 * then has no more values (a consumer waiting for one on another thread sees the end). The buffer never holds more than {@code prefetch} values: a Flux that
	 * ignores backpressure and sends more than it was asked for is cancelled, and the stream fails
	 * with a {@link BridgeUsageException} once the values before the overflow are read.
	 * @param <T> the type of the values
	 * @param flux the publisher to read
	 * @param prefetch how many values may wait in the buffer
	 * @return a sequential stream of the values
	 */
	public static <T> Stream<T> stream(Flux<T> flux, int prefetch) {
		return stream(flux, prefetch, BridgeScope.currentTimeout());
	}

	/**
	 * Return the values of the given publisher, of any Reactive Streams library, as a Stream that
	 * pulls them with backpressure, like {@link #stream(Flux)}: at most {@value #DEFAULT_PREFETCH}
	 * ahead of the consumer; closing the stream cancels the publisher.
	 * @param <T> the type of the values
	 * @param publisher the publisher to read
	 * @return a sequential stream of the values
	 */
	public static <T> Stream<T> stream(Publisher<T> publisher) {
		return stream(Flux.from(publisher), DEFAULT_PREFETCH, BridgeScope.currentTimeout());
	}

	/**
	 * Return the values of the given publisher as a Stream, waiting for each value at most for the
	 * given time; see {@link #stream(Flux, Duration)}.
	 * @param <T> the type of the values
	 * @param publisher the publisher to read
	 * @param timeout the limit of the wait for each value; zero means none
	 * @return a sequential stream of the values
	 */
	public static <T> Stream<T> stream(Publisher<T> publisher, Duration timeout) {
		return stream(Flux.from(publisher), DEFAULT_PREFETCH, timeout);
	}

	/**
	 * Return the values of the given publisher as a Stream, at most {@code prefetch} ahead of the
	 * consumer; see {@link #stream(Flux, int)}.
	 * @param <T> the type of the values
	 * @param publisher the publisher to read
	 * @param prefetch how many values may wait in the buffer
	 * @return a sequential stream of the values
	 */
	public static <T> Stream<T> stream(Publisher<T> publisher, int prefetch) {
		return stream(Flux.from(publisher), prefetch, BridgeScope.currentTimeout());
	}

	private static <T> Stream<T> stream(Flux<T> flux, int prefetch, Duration timeout) {
		if (prefetch < 1) {
			throw new IllegalArgumentException("prefetch must be at least 1, but was " + prefetch);
		}
		BridgeScope.checkTimeout(timeout);
		BlockingCheck.beforeBlocking("Bridge.stream");
		BridgeScope scope = BridgeScope.current();
		StreamSubscriber<T> subscriber = new StreamSubscriber<>(currentContext(), timeout, prefetch, scope);
		if (scope != null) {
			scope.track(subscriber);
		}
		flux.subscribe(subscriber);
		Spliterator<T> values = Spliterators.spliteratorUnknownSize(subscriber,
				Spliterator.ORDERED | Spliterator.NONNULL);
		return StreamSupport.stream(values, false).onClose(subscriber::cancel);
	}

	/**
	 * Run the given blocking-style code on a new virtual thread when the returned Mono is
	 * subscribed, in a {@link BridgeScope} holding the subscriber's Reactor Context and the time limit
	 * in force where it is subscribed ({@link BridgeScope#currentTimeout()}). Cancelling the Mono
	 * interrupts the thread (so that its awaits are cancelled too).
	 * @param <T> the type of the result
	 * @param task the code to run; a {@code null} result completes the Mono empty
	 * @return a Mono of the task's result or exception
	 */
	public static <T> Mono<T> spawn(Callable<? extends @Nullable T> task) {
		return spawn(task, null);
	}

	/**
	 * Run the given blocking-style code on a new virtual thread, like {@link #spawn(Callable)}, for
	 * a component of the application with the given settings: the scope's time limit is the one
	 * {@link BridgeSettings#scopeTimeout()} answers where the Mono is subscribed, so that a Mono
	 * subscribed outside of any scope (on an event loop, say) gets the application's
	 * {@code bridge.timeout}.
	 * @param <T> the type of the result
	 * @param task the code to run; a {@code null} result completes the Mono empty
	 * @param settings the settings of the application the task runs for, or {@code null} for none
	 * @return a Mono of the task's result or exception
	 */
	public static <T> Mono<T> spawn(Callable<? extends @Nullable T> task, @Nullable BridgeSettings settings) {
		SpawnedTask spawned = new SpawnedTask();
		Mono<T> run = Mono.create(sink -> {
			ContextView context = sink.contextView();
			Duration timeout = TimeLimits.resolve(settings);
			AtomicReference<@Nullable BridgeScope> opened = new AtomicReference<>();
			Thread thread = SPAWNED_THREADS.newThread(() -> {
				try (BridgeScope scope = BridgeScope.open(context, timeout)) {
					opened.set(scope);
					spawned.running(scope);
					T result = task.call();
					if (result != null) {
						sink.success(result);
					}
					else {
						sink.success();
					}
				}
				catch (Throwable ex) {
					sink.error(ex);
				}
			});
			sink.onCancel(() -> {
				BridgeScope scope = opened.get();
				if (scope != null) {
					scope.markCancelled();
				}
				thread.interrupt();
			});
			thread.start();
		});
		return new DescribedMono<>(run, spawned);
	}

	/**
	 * Open a scope in which blocking-style tasks run at the same time, each on a virtual thread of
	 * its own, and are joined together (structured concurrency); use it in a try-with-resources
	 * block:
	 * <pre class="code">
	 * try (BridgeTasks tasks = Bridge.concurrently()) {
	 *     Supplier&lt;Estimate&gt; kitchen = tasks.fork(() -&gt; kitchenClient.estimate(order));
	 *     Supplier&lt;Eta&gt; courier = tasks.fork(() -&gt; courierClient.eta(address));
	 *     tasks.join();   // waits for both; the first failure cancels the other and is thrown
	 *     return new Quote(kitchen.get(), courier.get());
	 * }
	 * </pre>
	 * Each fork runs in a bridge scope with the current scope's Reactor Context, ThreadLocal values
	 * and time limit, but outside of the caller's transaction; see {@link BridgeTasks} for exactly
	 * what a fork sees, and how failures, interrupts and time limits end the forks.
	 * @return the open scope, owned by the current thread
	 * @throws BridgeUsageException if the current thread must not block
	 */
	public static BridgeTasks concurrently() {
		BlockingCheck.beforeBlocking("Bridge.concurrently");
		return new BridgeTasks();
	}

	/**
	 * Run the given tasks at the same time, each on a virtual thread of its own (as forks of
	 * {@link #concurrently()}), wait for all of them and return their results in the order of the
	 * collection's iteration. The first task to fail cancels the others, and its exception is thrown
	 * as {@link BridgeTasks#join()} throws it.
	 * @param <T> the type of the results
	 * @param tasks the tasks; none of them may be {@code null}
	 * @return the results, in the order of the tasks (a task's {@code null} result is a
	 * {@code null} element); an empty list, at once, for no tasks. The list cannot be modified.
	 * @throws RuntimeException the first failed task's exception, as that same instance if it is
	 * unchecked
	 * @throws BridgeCheckedException if the first failed task threw a checked exception
	 * @throws BridgeInterruptedException if the waiting thread was interrupted; the tasks have been
	 * cancelled
	 * @throws BridgeTimeoutException if the tasks did not all end within the scope's time limit
	 * @throws BridgeUsageException if the current thread must not block
	 */
	public static <T extends @Nullable Object> List<T> all(Collection<? extends Callable<? extends T>> tasks) {
		BlockingCheck.beforeBlocking("Bridge.all");
		List<Callable<? extends T>> copy = new ArrayList<>(tasks.size());
		for (Callable<? extends T> task : tasks) {
			copy.add(Objects.requireNonNull(task, () -> "Bridge.all: task " + copy.size() + " of the collection is "
					+ "null; pass only tasks that can be called"));
		}
		if (copy.isEmpty()) {
			return List.of();
		}
		try (BridgeTasks scope = new BridgeTasks()) {
			List<BridgeTasks.Subtask<? extends T>> subtasks = new ArrayList<>(copy.size());
			for (Callable<? extends T> task : copy) {
				subtasks.add(scope.fork(task));
			}
			scope.join();
			List<T> results = new ArrayList<>(subtasks.size());
			for (BridgeTasks.Subtask<? extends T> subtask : subtasks) {
				results.add(subtask.get());
			}
			return Collections.unmodifiableList(results);
		}
	}

	/**
	 * Return the Reactor Context of the bridge scope the current thread runs in.
	 * @return the scope's context, or an empty one outside of a scope
	 */
	public static ContextView context() {
		return currentContext();
	}

	/**
	 * Tell whether the current thread may block on a publisher.
	 * @return {@code false} on threads that must never block, such as event loops
	 */
	public static boolean isBlockingAllowed() {
		return !Schedulers.isInNonBlockingThread();
	}

	private static Context currentContext() {
		BridgeScope scope = BridgeScope.current();
		return (scope != null) ? scope.context() : Context.empty();
	}

}
