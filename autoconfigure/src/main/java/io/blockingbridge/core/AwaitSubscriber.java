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
 * only when the cancellation really came first is a timeout or interrupt reported.
 *
 * @param <T> the type of the value
 */
final class AwaitSubscriber<T> extends BridgeSubscriber<T> {

	private static final int PENDING = 0;

	private static final int TERMINATED = 1;

	private static final int ABANDONED = 2;

	private static final long NO_DEADLINE = Long.MAX_VALUE;

	private final AtomicInteger outcome = new AtomicInteger(PENDING);

	/** The thread waiting for the outcome, unparked when it is there. */
	private volatile @Nullable Thread waiter;

	private @Nullable T value;

	private @Nullable Throwable error;

	AwaitSubscriber(Context context) {
		super(context, Long.MAX_VALUE);
	}

	@Override
	public void onNext(T t) {
		// Wake up only on the terminal signal: resources such as a transaction are released
		// between a Mono's value and its completion, and the caller must see them released.
		if (this.value == null && this.outcome.get() == PENDING) {
			this.value = t;
		}
		else {
			Operators.onNextDropped(t, currentContext());
		}
	}

	@Override
	public void onError(Throwable t) {
		this.error = t;
		if (!this.outcome.compareAndSet(PENDING, TERMINATED)) {
			this.error = null;
			Operators.onErrorDropped(t, currentContext());
			return;
		}
		wakeUp();
	}

	@Override
	public void onComplete() {
		if (this.outcome.compareAndSet(PENDING, TERMINATED)) {
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
		if (this.outcome.get() == PENDING) {
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
		if (this.outcome.get() == PENDING && !waitUninterruptiblyUntilTerminated(deadline) && abandon()) {
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
			while (this.outcome.get() == PENDING) {
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

	/**
	 * Give up waiting: cancel the publisher, unless it terminated meanwhile.
	 * @return {@code true} if the cancellation came first, {@code false} if the result is there
	 */
	private boolean abandon() {
		if (this.outcome.get() != PENDING) {
			return false;
		}
		cancel();
		// a publisher may still terminate while it is being cancelled: then its result counts
		return this.outcome.compareAndSet(PENDING, ABANDONED);
	}

	private @Nullable T result() {
		Throwable failure = this.error;
		if (failure != null) {
			throw AwaitCallSite.rethrow(failure);
		}
		return this.value;
	}

}
