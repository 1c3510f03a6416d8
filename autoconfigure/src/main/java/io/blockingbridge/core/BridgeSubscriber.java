package io.blockingbridge.core;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * What every subscriber a blocking caller waits on shares: it carries the caller's Reactor Context
 * upstream, asks for its initial demand once subscribed, and can be cancelled from the waiting
 * thread at any time, even before the subscription arrives.
 *
 * @param <T> the type of the values
 */
abstract class BridgeSubscriber<T> implements CoreSubscriber<T> {

	private final Context context;

	private final long initialDemand;

	private volatile @Nullable Subscription subscription;

	private volatile boolean cancelled;

	BridgeSubscriber(Context context, long initialDemand) {
		this.context = context;
		this.initialDemand = initialDemand;
	}

	@Override
	public final Context currentContext() {
		return this.context;
	}

	@Override
	public final void onSubscribe(Subscription s) {
		if (Operators.validate(this.subscription, s)) {
			this.subscription = s;
			if (this.cancelled) {
				s.cancel();
			}
			else {
				s.request(this.initialDemand);
			}
		}
	}

	/**
	 * Ask the publisher for more values.
	 * @param n how many
	 */
	final void request(long n) {
		Subscription s = this.subscription;
		if (s != null) {
			s.request(n);
		}
	}

	/**
	 * Drop a value nobody will take: a data buffer is released, anything else goes to Reactor's
	 * discard hook of the context (which releases a {@code ClientResponse} or other resource where
	 * one is installed).
	 * @param value the value
	 */
	final void discard(Object value) {
		if (value instanceof DataBuffer dataBuffer) {
			DataBufferUtils.release(dataBuffer);
		}
		else {
			Operators.onDiscard(value, this.context);
		}
	}

	/**
	 * Cancel the publisher, now or as soon as it subscribes.
	 */
	void cancel() {
		this.cancelled = true;
		Subscription s = this.subscription;
		if (s != null) {
			s.cancel();
		}
	}

}
