package io.blockingbridge.core;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Subscribes to a single-valued publisher with the awaiting scope's context and lets the awaiting
 * thread park until it terminates, times out or is interrupted.
 *
 * @param <T> the type of the value
 */
final class AwaitSubscriber<T> extends CountDownLatch implements CoreSubscriber<T> {

	private final Context context;

	private volatile @Nullable Subscription subscription;

	private volatile boolean cancelled;

	private @Nullable T value;

	private @Nullable Throwable error;

	AwaitSubscriber(Context context) {
		super(1);
		this.context = context;
	}

	@Override
	public Context currentContext() {
		return this.context;
	}

	@Override
	public void onSubscribe(Subscription s) {
		if (Operators.validate(this.subscription, s)) {
			this.subscription = s;
			if (this.cancelled) {
				s.cancel();
			}
			else {
				s.request(Long.MAX_VALUE);
			}
		}
	}

	@Override
	public void onNext(T t) {
		// Count down only on the terminal signal: resources such as a transaction are released
		// between a Mono's value and its completion, and the caller must see them released.
		if (this.value == null) {
			this.value = t;
		}
		else {
			Operators.onNextDropped(t, this.context);
		}
	}

	@Override
	public void onError(Throwable t) {
		if (getCount() == 0) {
			Operators.onErrorDropped(t, this.context);
			return;
		}
		this.error = t;
		countDown();
	}

	@Override
	public void onComplete() {
		countDown();
	}

	/**
	 * Wait for the publisher to terminate.
	 * @param timeout the limit; zero means none
	 * @return the value, or {@code null} if the publisher completed empty
	 */
	@Nullable T await(Duration timeout) {
		if (getCount() != 0) {
			try {
				if (timeout.isZero()) {
					await();
				}
				else if (!await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
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

	private void cancel() {
		this.cancelled = true;
		Subscription s = this.subscription;
		if (s != null) {
			s.cancel();
		}
	}

}
