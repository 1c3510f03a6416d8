package io.blockingbridge.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;

/**
 * Structured concurrency for blocking-style code: tasks forked together, each on a virtual thread
 * of its own, joined together, and never outliving the block that started them. Opened with
 * {@link Bridge#concurrently()}, always in a try-with-resources block:
 * <pre class="code">
 * try (BridgeTasks tasks = Bridge.concurrently()) {
 *     Supplier&lt;Estimate&gt; kitchen = tasks.fork(() -&gt; kitchenClient.estimate(order));
 *     Supplier&lt;Eta&gt; courier = tasks.fork(() -&gt; courierClient.eta(address));
 *     tasks.join();
 *     return new Quote(kitchen.get(), courier.get());
 * }
 * </pre>
 * The shape is that of the JDK's {@code StructuredTaskScope} (a preview API in JDK 25) opened with
 * its default joiner, so that code can move to it later: {@link #fork(Callable) fork} returns a
 * {@link Subtask} that is a {@link Supplier}, {@link #join()} waits for all of them, and
 * {@link #close()} ends the scope. Unlike the JDK's, nothing here throws a checked exception, and
 * {@code join()} throws a failed fork's own exception, as {@link Bridge#await} would.
 * <h2>What a fork sees</h2> Each fork runs on a new virtual thread named after the thread that
 * forked it ({@code <thread>-fork-<n>}, e.g. {@code bridge-request-7-fork-1}), in a
 * {@link BridgeScope} of its own that holds:
 * <ul>
 * <li>the Reactor Context of the forking thread's scope (in a {@code @BlockingStyle} request, the
 * request's: its exchange, its reactive security context, tracing);</li>
 * <li>the ThreadLocal values that Micrometer's context-propagation knows (MDC, observations,
 * registered {@code ThreadLocalAccessor}s, Spring Security's {@code SecurityContextHolder}), as they
 * are on the forking thread at the moment of {@code fork}: captured there and restored on the
 * fork's thread, then cleared when the fork ends;</li>
 * <li>the time limit of the forking thread's scope ({@code bridge.timeout}) for each of its awaits,
 * and the scope's deadline (a transaction's timeout) if it has one: no fork outlasts it. Forked
 * outside of any scope, the limit {@link BridgeScope#currentTimeout()} answers there (see
 * docs/bridge.md, "Time limits").</li>
 * </ul>
 * A fork does <em>not</em> take part in the caller's transaction. A transaction's connection serves
 * one thread at a time, and only the caller commits or rolls it back, so the transaction is removed
 * from the fork's context: a fork started inside {@code @Transactional} (or
 * {@code BlockingTransactions}) runs its database work outside of it, on a connection of its own, in
 * auto-commit mode (or in a transaction the fork begins itself). It does not see the caller's
 * uncommitted writes, and its own writes stay even if the caller's transaction rolls back. Each fork
 * that uses the database holds a connection of its own while the caller may hold one too: size the
 * pool for it. Spring's {@code LocaleContextHolder} and other ThreadLocals without a
 * context-propagation accessor are not carried over.
 * <h2>Failures, cancellation and time limits</h2> A fork whose thread cannot be started (the JVM has
 * none left) fails with the exception the start threw. The first fork to fail cancels the others: their
 * threads are interrupted, so their awaits cancel their publishers and throw
 * {@link BridgeInterruptedException}. {@code join()} waits until every fork has ended, then throws
 * the failure: an unchecked exception or error as that same instance, with a suppressed entry that
 * shows the joining thread's frames, a checked one wrapped in a {@link BridgeCheckedException}.
 * Failures of forks after the cancellation are ignored. When the thread waiting in {@code join()} is
 * interrupted (the client of the request went away, a spawned Mono was cancelled), every fork is
 * cancelled, and {@code join()} throws a {@link BridgeInterruptedException} once they have ended,
 * keeping the interrupt flag set. Each fork's awaits have their own time limits ({@code bridge.timeout}
 * or the call's own, such as a client's timeout); {@code join()} itself waits at most until the
 * deadline of the joining thread's scope (a transaction's timeout), if it has one: then it cancels
 * the forks and throws a {@link BridgeTimeoutException}.
 * <p>
 * Closing the scope without {@code join()} (because the code in between threw, for example) cancels
 * the forks still running and waits for them to end; closing it after {@code join()} has nothing
 * left to do. A fork that ignores its interrupt holds up {@code join()} and {@code close()} until it
 * ends, as it would with the JDK's scope.
 * <h2>Rules</h2> {@code fork}, {@code join} and {@code close} must be called by the thread that
 * opened the scope; {@code fork} only before {@code join} and {@code close}, {@code join} once.
 * Breaking a rule throws a {@link BridgeUsageException} that says so. A fork may open scopes of its
 * own ({@code Bridge.concurrently()} inside a fork), but not fork into its parent's.
 */
public final class BridgeTasks implements AutoCloseable {

	private static final int OPEN = 0;

	private static final int JOINED = 1;

	private static final int CLOSED = 2;

	private final Thread owner;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition forkEnded = this.lock.newCondition();

	/** Guarded by the lock. */
	private final List<Fork<?>> forks = new ArrayList<>();

	/** Guarded by the lock. */
	private int running;

	/** Guarded by the lock. */
	private @Nullable Throwable failure;

	/** Guarded by the lock; once set, forks that end are no longer recorded. */
	private @Nullable String cancelledBecause;

	/** Read and written by the owner only. */
	private int phase = OPEN;

	private volatile boolean joined;

	/** Starts the thread of each fork: {@link Thread#start()}, replaced in tests to see a start fail. */
	private final Consumer<Thread> starter;

	BridgeTasks() {
		this(Thread::start);
	}

	BridgeTasks(Consumer<Thread> starter) {
		this.owner = Thread.currentThread();
		this.starter = starter;
	}

	/**
	 * Start the given task on a new virtual thread, in a bridge scope like the caller's (see the
	 * class description for what it sees).
	 * @param <T> the type of the task's result
	 * @param task the task; it may return {@code null}
	 * @return the subtask, whose {@link Subtask#get()} returns the task's result after
	 * {@link #join()}
	 * @throws BridgeUsageException if called by another thread than the one that opened the scope,
	 * or after {@code join()} or {@code close()}
	 */
	public <T extends @Nullable Object> Subtask<T> fork(Callable<? extends T> task) {
		Objects.requireNonNull(task, "The task to fork must not be null");
		checkOwner("fork");
		if (this.phase != OPEN) {
			throw new BridgeUsageException("Cannot fork a task after " + ((this.phase == JOINED) ? "join()" : "close()")
					+ " of this scope: fork every task first, then call join() once. To run more tasks "
					+ "afterwards, open a new scope with Bridge.concurrently().");
		}
		BridgeScope scope = BridgeScope.current();
		Context context = ForkContext.of(scope);
		Fork<T> fork = new Fork<>(this, this.owner.getName() + "-fork-" + (this.forks.size() + 1));
		Thread thread = Thread.ofVirtual().name(fork.name).unstarted(() -> run(fork, task, context, scope));
		this.lock.lock();
		try {
			this.forks.add(fork);
			if (this.cancelledBecause == null) {
				fork.thread = thread;
				this.running++;
				try {
					this.starter.accept(thread);
				}
				catch (RuntimeException | Error ex) {
					// it will never run, nor count itself out: it fails, like a task that threw
					fork.thread = null;
					this.running--;
					failed(fork, ex);
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		return fork;
	}

	/**
	 * Start the given task on a new virtual thread, like {@link #fork(Callable)}, for a task without
	 * a result.
	 * @param task the task
	 * @return the subtask, whose {@link Subtask#get()} returns {@code null} after {@link #join()} if
	 * it succeeded
	 * @throws BridgeUsageException if called by another thread than the one that opened the scope,
	 * or after {@code join()} or {@code close()}
	 */
	public Subtask<@Nullable Void> fork(Runnable task) {
		Objects.requireNonNull(task, "The task to fork must not be null");
		return fork(() -> {
			task.run();
			return null;
		});
	}

	/**
	 * Wait until every fork has succeeded, or one has failed; in that case the others are
	 * cancelled. Returns or throws only once every fork has ended.
	 * @throws RuntimeException the first failed fork's exception, as that same instance if it is
	 * unchecked (an {@link Error} is thrown as it is)
	 * @throws BridgeCheckedException if the first failed fork threw a checked exception
	 * @throws BridgeInterruptedException if the waiting thread was interrupted; the forks have been
	 * cancelled and the interrupt flag stays set
	 * @throws BridgeTimeoutException if the forks did not all end by the deadline of the scope (a
	 * transaction's timeout); they have been cancelled
	 * @throws BridgeUsageException if called by another thread than the one that opened the scope,
	 * a second time, or after {@code close()}
	 */
	public void join() {
		checkOwner("join");
		if (this.phase != OPEN) {
			throw new BridgeUsageException((this.phase == JOINED) ? "join() was called already; call it once, "
					+ "after the last fork" : "join() was called after close(); call it inside the try-with-resources "
					+ "block, after the last fork");
		}
		this.phase = JOINED;
		this.joined = true;
		// each fork's awaits have their own limits; join only holds the scope's deadline
		Duration limit = BridgeScope.currentDeadlineRemaining();
		InterruptedException interrupted = null;
		boolean timedOut = false;
		// a live view of blocked requests shows what the forks await while the owner joins
		BridgeScope waiting = BridgeScope.current();
		Object awaitedBefore = (waiting != null) ? waiting.beginAwait(this) : null;
		this.lock.lock();
		try {
			long nanos = limit.toNanos();
			while (this.running > 0 && this.failure == null) {
				if (limit.isZero()) {
					this.forkEnded.await();
				}
				else if (nanos <= 0) {
					timedOut = true;
					cancel("the forks did not complete within " + limit);
					break;
				}
				else {
					nanos = this.forkEnded.awaitNanos(nanos);
				}
			}
		}
		catch (InterruptedException ex) {
			interrupted = ex;
			cancel("the thread that joins them was interrupted");
		}
		finally {
			this.lock.unlock();
			if (waiting != null) {
				waiting.endAwait(awaitedBefore);
			}
		}
		awaitForksEnded();
		if (interrupted != null) {
			Thread.currentThread().interrupt();
			throw new BridgeInterruptedException(interrupted);
		}
		Throwable failed = failure();
		if (failed != null) {
			throw AwaitCallSite.rethrowJoined(failed);
		}
		if (timedOut) {
			throw new BridgeTimeoutException(limit, "The forks of Bridge.concurrently() did not all complete within "
					+ limit + " and were cancelled: the deadline of the joining thread's scope (a transaction's "
					+ "timeout) was reached.");
		}
	}

	/**
	 * Close the scope: without a {@link #join()} before, cancel the forks still running; in any case
	 * wait until every fork has ended. Closing it again does nothing.
	 * @throws BridgeUsageException if called by another thread than the one that opened the scope
	 */
	@Override
	public void close() {
		if (this.phase == CLOSED) {
			return;
		}
		checkOwner("close");
		boolean wasJoined = this.phase == JOINED;
		this.phase = CLOSED;
		if (!wasJoined) {
			this.lock.lock();
			try {
				cancel("the scope was closed without join()");
			}
			finally {
				this.lock.unlock();
			}
		}
		awaitForksEnded();
	}

	private void checkOwner(String operation) {
		if (Thread.currentThread() != this.owner) {
			throw new BridgeUsageException("Bridge.concurrently(): " + operation + "() must be called by the thread "
					+ "that opened the scope ('" + this.owner.getName() + "'), not by '"
					+ Thread.currentThread().getName() + "'. A fork that needs tasks of its own opens its own "
					+ "scope with Bridge.concurrently().");
		}
	}

	private <T extends @Nullable Object> void run(Fork<T> fork, Callable<? extends T> task, Context context,
			@Nullable BridgeScope parent) {
		try {
			if (isCancelled()) {
				return;
			}
			T value;
			try (BridgeScope scope = BridgeScope.openFork(context, parent)) {
				fork.scope = scope;
				try {
					value = task.call();
				}
				finally {
					fork.scope = null;
				}
			}
			succeeded(fork, value);
		}
		catch (Throwable ex) {
			failed(fork, ex);
		}
		finally {
			this.lock.lock();
			try {
				this.running--;
				this.forkEnded.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	private boolean isCancelled() {
		this.lock.lock();
		try {
			return this.cancelledBecause != null;
		}
		finally {
			this.lock.unlock();
		}
	}

	private <T extends @Nullable Object> void succeeded(Fork<T> fork, T value) {
		this.lock.lock();
		try {
			if (this.cancelledBecause == null) {
				fork.value = value;
				fork.state = Subtask.State.SUCCESS;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void failed(Fork<?> fork, Throwable ex) {
		this.lock.lock();
		try {
			if (this.cancelledBecause == null) {
				fork.exception = ex;
				fork.state = Subtask.State.FAILED;
				this.failure = ex;
				cancel("fork '" + fork.name + "' failed with " + ex);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private @Nullable Throwable failure() {
		this.lock.lock();
		try {
			return this.failure;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Cancel the forks still running; to be called holding the lock. */
	private void cancel(String reason) {
		if (this.cancelledBecause != null) {
			return;
		}
		this.cancelledBecause = reason;
		for (Fork<?> fork : this.forks) {
			Thread thread = fork.thread;
			if (thread != null && thread != Thread.currentThread()) {
				thread.interrupt();
			}
		}
	}

	/** Wait until every fork's thread has terminated, keeping an interrupt for later. */
	private void awaitForksEnded() {
		List<Thread> threads = new ArrayList<>();
		this.lock.lock();
		try {
			while (this.running > 0) {
				this.forkEnded.awaitUninterruptibly();
			}
			for (Fork<?> fork : this.forks) {
				Thread thread = fork.thread;
				if (thread != null) {
					threads.add(thread);
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		// their tasks are done; the threads are just returning
		boolean interrupted = false;
		for (Thread thread : threads) {
			while (thread.isAlive()) {
				try {
					thread.join();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private @Nullable String cancelledBecause() {
		this.lock.lock();
		try {
			return this.cancelledBecause;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * A task forked by {@link BridgeTasks#fork(Callable)}: a {@link Supplier} of its result once the
	 * scope has been joined, as the JDK's {@code StructuredTaskScope.Subtask}.
	 *
	 * @param <T> the type of the result
	 */
	public sealed interface Subtask<T extends @Nullable Object> extends Supplier<T> permits Fork {

		/**
		 * Where a subtask stands.
		 */
		enum State {

			/** Not completed: still running, never started, or cancelled before it completed. */
			UNAVAILABLE,

			/** Completed with a result. */
			SUCCESS,

			/** Completed with an exception: the one that cancelled its siblings. */
			FAILED

		}

		/**
		 * Return where the subtask stands.
		 * @return the state
		 */
		State state();

		/**
		 * Return the result of the subtask.
		 * @return the task's result
		 * @throws IllegalStateException before {@link BridgeTasks#join()}, or if the subtask did not
		 * succeed; the message says why and what to do
		 */
		@Override
		T get();

		/**
		 * Return the exception of the subtask that failed.
		 * @return the exception, as the task threw it
		 * @throws IllegalStateException before {@link BridgeTasks#join()}, or if the subtask did not
		 * fail
		 */
		Throwable exception();

	}

	/** One fork: its thread and its outcome, written under the scope's lock. */
	/**
	 * Say what the forks still running await, for a live view of blocked requests: for example
	 * {@code "2 forks: POST http://kitchen/orders; GET http://courier/eta"}.
	 */
	String describeWaiting() {
		List<Fork<?>> forks;
		this.lock.lock();
		try {
			forks = List.copyOf(this.forks);
		}
		finally {
			this.lock.unlock();
		}
		List<String> awaited = new ArrayList<>();
		for (Fork<?> fork : forks) {
			if (fork.state() == Subtask.State.UNAVAILABLE) {
				BridgeScope scope = fork.scope;
				String description = (scope != null) ? scope.awaitingDescription() : null;
				awaited.add((description != null) ? description : "running");
			}
		}
		return awaited.size() + ((awaited.size() == 1) ? " fork: " : " forks: ") + String.join("; ", awaited);
	}

	private static final class Fork<T extends @Nullable Object> implements Subtask<T> {

		private final BridgeTasks tasks;

		private final String name;

		private volatile @Nullable Thread thread;

		/** The fork's scope while its task runs, for the live view of what the owner's join waits for. */
		private volatile @Nullable BridgeScope scope;

		private volatile State state = State.UNAVAILABLE;

		private volatile @Nullable T value;

		private volatile @Nullable Throwable exception;

		Fork(BridgeTasks tasks, String name) {
			this.tasks = tasks;
			this.name = name;
		}

		@Override
		public State state() {
			return this.state;
		}

		@Override
		public T get() {
			checkJoined("get()");
			return switch (this.state) {
				case SUCCESS -> this.value;
				case FAILED -> throw new IllegalStateException("Fork '" + this.name + "' failed with " + this.exception
						+ ", so it has no result. join() threw that exception: handle it around join() instead of "
						+ "calling get()", this.exception);
				case UNAVAILABLE -> throw new IllegalStateException("Fork '" + this.name + "' did not complete: it was "
						+ "cancelled because " + this.tasks.cancelledBecause() + ", and join() threw the reason. "
						+ "Call get() only on a subtask whose state() is SUCCESS");
			};
		}

		@Override
		public Throwable exception() {
			checkJoined("exception()");
			if (this.state != State.FAILED) {
				throw new IllegalStateException("Fork '" + this.name + "' did not fail (its state is " + this.state
						+ "); call exception() only on a subtask whose state() is FAILED");
			}
			return this.exception;
		}

		private void checkJoined(String method) {
			if (!this.tasks.joined) {
				throw new IllegalStateException("The outcome of fork '" + this.name + "' is not known before join(): "
						+ "call join() on its Bridge.concurrently() scope after the last fork, then " + method);
			}
		}

		@Override
		public String toString() {
			return "Subtask '" + this.name + "' [" + this.state + "]";
		}

	}

}
