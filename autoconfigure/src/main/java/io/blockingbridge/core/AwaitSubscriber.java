package io.blockingbridge.core;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

	private final CountDownLatch terminated = new CountDownLatch(1);

	private final AtomicInteger outcome = new AtomicInteger(PENDING);

	private @Nullable T value;

	private @Nullable Throwable error;

	AwaitSubscriber(Context context) {
		super(context, Long.MAX_VALUE);
	}

	@Override
	public void onNext(T t) {
		// Count down only on the terminal signal: resources such as a transaction are released
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
		this.terminated.countDown();
	}

	@Override
	public void onComplete() {
		if (this.outcome.compareAndSet(PENDING, TERMINATED)) {
			this.terminated.countDown();
		}
	}

	/**
	 * Wait for the publisher to terminate.
	 * @param timeout the limit; zero means none
	 * @return the value, or {@code null} if the publisher completed empty
	 */
	@Nullable T await(Duration timeout) {
		if (this.terminated.getCount() != 0) {
			try {
				if (timeout.isZero()) {
					this.terminated.await();
				}
				else if (!this.terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS) && abandon()) {
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
		boolean interrupted = false;
		long deadline = System.nanoTime() + limit.toNanos();
		try {
			while (this.terminated.getCount() != 0) {
				long remaining = deadline - System.nanoTime();
				try {
					if (remaining <= 0 || !this.terminated.await(remaining, TimeUnit.NANOSECONDS)) {
						if (abandon()) {
							throw new BridgeTimeoutException(limit, "Awaited publisher did not complete within the hard "
									+ "limit of " + limit + " for steps that must finish, and was cancelled. " + whatToDo);
						}
					}
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
		return result();
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
