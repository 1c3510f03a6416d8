package io.blockingbridge.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Subscribes to a single-valued publisher with the awaiting scope's context and lets the awaiting
 * thread park until it terminates, times out or is interrupted.
 * <p>
 * A terminal signal and the waiting thread's giving up race for one outcome: a publisher that
 * terminates while the waiting thread is timing out (even while it cancels) delivers its result;
 * only when the cancellation really came first is a timeout or interrupt reported. A value that has
 * arrived when the waiting thread gives up wins too (the result winning over a give-up), even if the
 * completion after it is late: the waiting thread takes it without cancelling, and the publisher
 * ends by itself. A value that arrives after the give-up is discarded ({@link #discard}), so that
 * a data buffer or a response it holds is released rather than lost.
 *
 * @param <T> the type of the value
 */
final class AwaitSubscriber<T> extends BridgeSubscriber<T> {

	/** Nothing has arrived. */
	private static final int PENDING = 0;

	/** The value has arrived, its completion not yet. */
	private static final int VALUED = 1;

	/** The publisher terminated: the value (if any) or the error is the result. */
	private static final int TERMINATED = 2;

	/** The waiting thread gave up before anything arrived. */
	private static final int ABANDONED = 3;

	/** The waiting thread gave up after the value arrived, and took it. */
	private static final int TAKEN = 4;

	private static final long NO_DEADLINE = Long.MAX_VALUE;

	private final AtomicInteger outcome = new AtomicInteger(PENDING);

	/** The thread waiting for the outcome, unparked when it is there. */
	private volatile @Nullable Thread waiter;

	/** Written before the outcome says it is there, read after. */
	private @Nullable T value;

	/** Written before the outcome says it is there, read after. */
	private @Nullable Throwable error;

	AwaitSubscriber(Context context) {
		super(context, Long.MAX_VALUE);
	}

	@Override
	public void onNext(T t) {
		// Wake up only on the terminal signal: resources such as a transaction are released
		// between a Mono's value and its completion, and the caller must see them released.
		int state = this.outcome.get();
		if (state == PENDING) {
			this.value = t;
			if (this.outcome.compareAndSet(PENDING, VALUED)) {
				return;
			}
			this.value = null;
			state = this.outcome.get();
		}
		if (state == ABANDONED) {
			// nobody waits for it any more
			discard(t);
		}
		else {
			Operators.onNextDropped(t, currentContext());
		}
	}

	@Override
	public void onError(Throwable t) {
		this.error = t;
		int state = this.outcome.get();
		while (state == PENDING || state == VALUED) {
			if (this.outcome.compareAndSet(state, TERMINATED)) {
				T dropped = this.value;
				if (state == VALUED && dropped != null) {
					// the error is the result: the value before it is nobody's
					this.value = null;
					discard(dropped);
				}
				wakeUp();
				return;
			}
			state = this.outcome.get();
		}
		this.error = null;
		Operators.onErrorDropped(t, currentContext());
	}

	@Override
	public void onComplete() {
		if (this.outcome.compareAndSet(VALUED, TERMINATED) || this.outcome.compareAndSet(PENDING, TERMINATED)) {
			wakeUp();
		}
	}

	private void wakeUp() {
		Thread thread = this.waiter;
		if (thread != null) {
			LockSupport.unpark(thread);
		}
	}

	/**
	 * Wait for the publisher to terminate.
	 * @param timeout the limit; zero means none
	 * @return the value, or {@code null} if the publisher completed empty
	 */
	@Nullable T await(Duration timeout) {
		if (!isOver()) {
			try {
				if (!waitUntilTerminated(timeout.isZero() ? NO_DEADLINE : System.nanoTime() + timeout.toNanos(), true)
						&& abandon()) {
					throw new BridgeTimeoutException(timeout);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				if (abandon()) {
					throw new BridgeInterruptedException(ex);
				}
			}
		}
		return result();
	}

	/**
	 * Wait for the publisher to terminate, ignoring interrupts (the interrupt flag is set again
	 * afterwards if one arrived) but at most for the given limit.
	 * @param limit the hard upper bound; must be positive
	 * @param whatToDo the advice the timeout's message ends with
	 * @return the value, or {@code null} if the publisher completed empty
	 */
	@Nullable T awaitUninterruptibly(Duration limit, String whatToDo) {
		long deadline = System.nanoTime() + limit.toNanos();
		if (!isOver() && !waitUninterruptiblyUntilTerminated(deadline) && abandon()) {
			throw new BridgeTimeoutException(limit, "Awaited publisher did not complete within the hard limit of "
					+ limit + " for steps that must finish, and was cancelled. " + whatToDo);
		}
		return result();
	}

	private boolean waitUninterruptiblyUntilTerminated(long deadline) {
		try {
			return waitUntilTerminated(deadline, false);
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException("An uninterruptible wait was interrupted", ex);
		}
	}

	/**
	 * Park until the publisher terminates or the deadline passes. Deadlines far enough away are
	 * left to {@link AwaitDeadlines} rather than to a timed park, which costs a lot more.
	 * @param deadline the deadline in {@link System#nanoTime()} terms, or {@link #NO_DEADLINE}
	 * @param interruptible whether an interrupt ends the wait ({@code false}: the wait goes on and
	 * the thread's interrupt flag is set again when it is over)
	 * @return {@code true} if the publisher terminated, {@code false} if the deadline passed first
	 * @throws InterruptedException if the thread was interrupted
	 */
	private boolean waitUntilTerminated(long deadline, boolean interruptible) throws InterruptedException {
		this.waiter = Thread.currentThread();
		AwaitDeadlines.Watch watch = null;
		boolean interrupted = false;
		try {
			while (!isOver()) {
				if (Thread.interrupted()) {
					if (interruptible) {
						throw new InterruptedException();
					}
					interrupted = true;
				}
				if (deadline == NO_DEADLINE) {
					LockSupport.park(this);
					continue;
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				if (remaining < AwaitDeadlines.PRECISE_BELOW_NANOS) {
					LockSupport.parkNanos(this, remaining);
				}
				else {
					if (watch == null) {
						Thread thread = Thread.currentThread();
						watch = AwaitDeadlines.watch(deadline, (expired) -> LockSupport.unpark(thread));
					}
					LockSupport.park(this);
				}
			}
			return true;
		}
		finally {
			this.waiter = null;
			if (watch != null) {
				watch.end();
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Tell whether the publisher has terminated (or the waiting is over otherwise). */
	private boolean isOver() {
		int state = this.outcome.get();
		return state != PENDING && state != VALUED;
	}

	/**
	 * Give up waiting: cancel the publisher, unless its value arrived or it terminated meanwhile.
	 * @return {@code true} if the cancellation came first, {@code false} if the result is there
	 */
	private boolean abandon() {
		if (isOver() || this.outcome.compareAndSet(VALUED, TAKEN)) {
			return false;
		}
		cancel();
		// a publisher may still send its value or terminate while it is being cancelled: then it counts
		if (this.outcome.compareAndSet(PENDING, ABANDONED)) {
			return true;
		}
		this.outcome.compareAndSet(VALUED, TAKEN);
		return false;
	}

	private @Nullable T result() {
		if (this.outcome.get() == TAKEN) {
			return this.value;
		}
		Throwable failure = this.error;
		if (failure != null) {
			throw AwaitCallSite.rethrow(failure);
		}
		return this.value;
	}

}
