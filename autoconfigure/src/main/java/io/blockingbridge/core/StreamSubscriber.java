package io.blockingbridge.core;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Subscribes to a multi-valued publisher with bounded demand and hands its values to a blocking
 * iterator: at most {@code prefetch} values wait in the buffer, and demand is replenished as the
 * consumer takes them. A publisher that sends more than it was asked for is cancelled and the
 * stream fails, so the buffer never grows beyond the prefetch. Cancelling (closing the stream)
 * cancels the publisher and ends the iteration. The scope the stream was opened in, if any, keeps
 * track of it until then, and cancels it when it closes first.
 *
 * @param <T> the type of the values
 */
final class StreamSubscriber<T> extends BridgeSubscriber<T> implements Iterator<T> {

	private static final Object COMPLETE = new Object();

	private final Duration timeout;

	private final @Nullable BridgeScope scope;

	private final int prefetch;

	private final int replenishAt;

	private final BlockingQueue<Object> buffer = new LinkedBlockingQueue<>();

	/** Values requested and not yet received: below zero means the publisher ignored backpressure. */
	private final AtomicLong outstanding;

	private volatile boolean terminated;

	private volatile boolean closed;

	private int consumedSinceRequest;

	private @Nullable Object next;

	private boolean done;

	StreamSubscriber(Context context, Duration timeout, int prefetch, @Nullable BridgeScope scope) {
		super(context, prefetch);
		this.timeout = timeout;
		this.scope = scope;
		this.prefetch = prefetch;
		this.replenishAt = Math.max(1, prefetch - (prefetch >> 2));
		this.outstanding = new AtomicLong(prefetch);
	}

	@Override
	public void onNext(T t) {
		if (this.terminated) {
			discard(t);
			return;
		}
		if (this.outstanding.decrementAndGet() < 0) {
			this.terminated = true;
			super.cancel();
			this.buffer.add(new Failure(new BridgeUsageException("The publisher of a Bridge.stream sent more values "
					+ "than it was asked for (more than the prefetch of " + this.prefetch + " ahead of the consumer) and "
					+ "was cancelled, because buffering them would have no bound. Make it honour backpressure, for "
					+ "example with onBackpressureBuffer(maxSize) or onBackpressureDrop() upstream of the stream, "
					+ "or pass a larger prefetch to Bridge.stream(flux, prefetch).")));
			discard(t);
			return;
		}
		this.buffer.add(t);
		if (this.closed) {
			// Closed while this value arrived: the closing may have drained the buffer before it.
			discardBuffered();
		}
	}

	@Override
	public void onError(Throwable t) {
		if (this.terminated) {
			Operators.onErrorDropped(t, currentContext());
			return;
		}
		this.terminated = true;
		this.buffer.add(new Failure(t));
	}

	@Override
	public void onComplete() {
		if (!this.terminated) {
			this.terminated = true;
			this.buffer.add(COMPLETE);
		}
	}

	@Override
	public boolean hasNext() {
		if (this.closed) {
			return false;
		}
		if (this.next != null) {
			return true;
		}
		if (this.done) {
			return false;
		}
		Object signal = take();
		if (signal == COMPLETE) {
			this.done = true;
			forgetScope();
			return false;
		}
		if (signal instanceof Failure failure) {
			this.done = true;
			forgetScope();
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
			this.outstanding.addAndGet(this.consumedSinceRequest);
			request(this.consumedSinceRequest);
			this.consumedSinceRequest = 0;
		}
		return (T) value;
	}

	private Object take() {
		try {
			Object signal = nextSignal();
			if (signal != null) {
				return signal;
			}
			if (this.timeout.isZero()) {
				return takeSignal(null);
			}
			if (this.timeout.toNanos() < AwaitDeadlines.PRECISE_BELOW_NANOS) {
				signal = this.buffer.poll(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
				if (signal == null) {
					throw timedOut();
				}
				return signal;
			}
			// A long limit is watched without a timed park: when it passes, the watch itself arrives.
			AwaitDeadlines.Watch watch = AwaitDeadlines.watch(System.nanoTime() + this.timeout.toNanos(),
					this.buffer::add);
			try {
				return takeSignal(watch);
			}
			finally {
				watch.end();
			}
		}
		catch (InterruptedException ex) {
			this.done = true;
			cancel();
			Thread.currentThread().interrupt();
			throw new BridgeInterruptedException(ex);
		}
	}

	/** Return the next buffered signal, or {@code null} if there is none yet. */
	private @Nullable Object nextSignal() {
		Object signal = this.buffer.poll();
		while (signal instanceof AwaitDeadlines.Watch) {
			// the limit of an earlier wait, which ended before it passed
			signal = this.buffer.poll();
		}
		return signal;
	}

	private Object takeSignal(AwaitDeadlines.@Nullable Watch watch) throws InterruptedException {
		while (true) {
			Object signal = this.buffer.take();
			if (!(signal instanceof AwaitDeadlines.Watch expired)) {
				return signal;
			}
			if (expired == watch && watch.hasExpired()) {
				throw timedOut();
			}
		}
	}

	private BridgeTimeoutException timedOut() {
		this.done = true;
		cancel();
		return new BridgeTimeoutException(this.timeout);
	}

	/**
	 * Cancel the publisher, drop what is buffered and end the iteration.
	 */
	@Override
	void cancel() {
		this.closed = true;
		this.terminated = true;
		Object value = this.next;
		this.next = null;
		if (value != null) {
			discard(value);
		}
		super.cancel();
		discardBuffered();
		forgetScope();
	}

	/** Drop what is buffered, releasing the values that hold pooled memory (data buffers). */
	private void discardBuffered() {
		Object signal;
		while ((signal = this.buffer.poll()) != null) {
			if (signal != COMPLETE && !(signal instanceof Failure) && !(signal instanceof AwaitDeadlines.Watch)) {
				discard(signal);
			}
		}
	}

	/** Drop a value nobody will take: a data buffer is released, anything else goes to the discard hook. */
	private void discard(Object value) {
		if (value instanceof DataBuffer dataBuffer) {
			DataBufferUtils.release(dataBuffer);
		}
		else {
			Operators.onDiscard(value, currentContext());
		}
	}

	private void forgetScope() {
		if (this.scope != null) {
			this.scope.forget(this);
		}
	}

	private record Failure(Throwable error) {
	}

}
