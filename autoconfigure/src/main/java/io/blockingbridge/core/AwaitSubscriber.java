package io.blockingbridge.core;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Subscribes to a single-valued publisher with the awaiting scope's context and lets the awaiting
 * thread park until it terminates, times out or is interrupted.
 *
 * @param <T> the type of the value
 */
final class AwaitSubscriber<T> extends BridgeSubscriber<T> {

	private final CountDownLatch terminated = new CountDownLatch(1);

	private @Nullable T value;

	private @Nullable Throwable error;

	AwaitSubscriber(Context context) {
		super(context, Long.MAX_VALUE);
	}

	@Override
	public void onNext(T t) {
		// Count down only on the terminal signal: resources such as a transaction are released
		// between a Mono's value and its completion, and the caller must see them released.
		if (this.value == null) {
			this.value = t;
		}
		else {
			Operators.onNextDropped(t, currentContext());
		}
	}

	@Override
	public void onError(Throwable t) {
		if (this.terminated.getCount() == 0) {
			Operators.onErrorDropped(t, currentContext());
			return;
		}
		this.error = t;
		this.terminated.countDown();
	}

	@Override
	public void onComplete() {
		this.terminated.countDown();
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
				else if (!this.terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
					cancel();
					throw new BridgeTimeoutException(timeout);
				}
			}
			catch (InterruptedException ex) {
				cancel();
				Thread.currentThread().interrupt();
				throw new BridgeInterruptedException(ex);
			}
		}
		Throwable failure = this.error;
		if (failure != null) {
			throw AwaitCallSite.rethrow(failure);
		}
		return this.value;
	}


}
