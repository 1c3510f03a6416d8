package io.blockingbridge.core;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;

/**
 * Subscribes to a multi-valued publisher with bounded demand and hands its values to a blocking
 * iterator: at most {@code prefetch} values wait in the buffer, and demand is replenished as the
 * consumer takes them. Cancelling (closing the stream) cancels the publisher.
 *
 * @param <T> the type of the values
 */
final class StreamSubscriber<T> extends BridgeSubscriber<T> implements Iterator<T> {

	private static final Object COMPLETE = new Object();

	private final Duration timeout;

	private final int replenishAt;

	private final BlockingQueue<Object> buffer = new LinkedBlockingQueue<>();

	private int consumedSinceRequest;

	private @Nullable Object next;

	private boolean done;

	StreamSubscriber(Context context, Duration timeout, int prefetch) {
		super(context, prefetch);
		this.timeout = timeout;
		this.replenishAt = Math.max(1, prefetch - (prefetch >> 2));
	}

	@Override
	public void onNext(T t) {
		this.buffer.add(t);
	}

	@Override
	public void onError(Throwable t) {
		this.buffer.add(new Failure(t));
	}

	@Override
	public void onComplete() {
		this.buffer.add(COMPLETE);
	}

	@Override
	public boolean hasNext() {
		if (this.next != null) {
			return true;
		}
		if (this.done) {
			return false;
		}
		Object signal = take();
		if (signal == COMPLETE) {
			this.done = true;
			return false;
		}
		if (signal instanceof Failure failure) {
			this.done = true;
			throw AwaitCallSite.rethrow(failure.error());
		}
		this.next = signal;
		return true;
	}

	@Override
	@SuppressWarnings("unchecked")
	public T next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		Object value = this.next;
		this.next = null;
		if (++this.consumedSinceRequest == this.replenishAt) {
			request(this.consumedSinceRequest);
			this.consumedSinceRequest = 0;
		}
		return (T) value;
	}

	private Object take() {
		try {
			Object signal;
			if (this.timeout.isZero()) {
				signal = this.buffer.take();
			}
			else {
				signal = this.buffer.poll(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
				if (signal == null) {
					this.done = true;
					cancel();
					throw new BridgeTimeoutException(this.timeout);
				}
			}
			return signal;
		}
		catch (InterruptedException ex) {
			this.done = true;
			cancel();
			Thread.currentThread().interrupt();
			throw new BridgeInterruptedException(ex);
		}
	}

	/**
	 * Cancel the publisher and drop what is buffered.
	 */
	@Override
	void cancel() {
		super.cancel();
		this.buffer.clear();
	}

	private record Failure(Throwable error) {
	}

}
