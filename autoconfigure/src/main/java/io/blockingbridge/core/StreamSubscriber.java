package io.blockingbridge.core;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Subscribes to a multi-valued publisher with bounded demand and hands its values to a blocking
 * iterator: at most {@code prefetch} values wait in the buffer, and demand is replenished as the
 * consumer takes them. A publisher that sends more than it was asked for is cancelled and the
 * stream fails, so the buffer never grows beyond the prefetch. Cancelling (closing the stream)
 * cancels the publisher and ends the iteration, also for a consumer waiting for the next value on
 * another thread: it wakes up and sees the end of the stream. The scope the stream was opened in, if any, keeps
 * track of it until then, and cancels it when it closes first.
 *
 * @param <T> the type of the values
 */
final class StreamSubscriber<T> extends BridgeSubscriber<T> implements Iterator<T> {

	private static final Object COMPLETE = new Object();

	/** Wakes up a consumer waiting in {@link #take()} when the stream is closed from another thread. */
	private static final Object CLOSED = new Object();

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

	/** The value {@link #hasNext()} took for {@link #next()}: the consumer's, unless a close takes it first. */
	private final AtomicReference<@Nullable Object> next = new AtomicReference<>();

	private volatile boolean done;

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
			this.buffer.add(CLOSED);
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
		if (this.next.get() != null) {
			return true;
		}
		if (this.done) {
			return false;
		}
		Object signal = take();
		if (signal == CLOSED) {
			this.done = true;
			return false;
		}
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
		this.next.set(signal);
		if (this.closed) {
			// closed on another thread meanwhile: its drain may have missed this value
			Object value = this.next.getAndSet(null);
			if (value != null) {
				discard(value);
			}
			return false;
		}
		return true;
	}

	@Override
	@SuppressWarnings("unchecked")
	public T next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		Object value = this.next.getAndSet(null);
		if (value == null) {
			// taken by a close on another thread since hasNext()
			throw new NoSuchElementException("The stream was closed");
		}
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
		Object value = this.next.getAndSet(null);
		if (value != null) {
			discard(value);
		}
		super.cancel();
		discardBuffered();
		// a consumer waiting on another thread wakes up to the end of the stream
		this.buffer.add(CLOSED);
		forgetScope();
	}

	/** Drop what is buffered, releasing the values that hold pooled memory (data buffers). */
	private void discardBuffered() {
		Object signal;
		while ((signal = this.buffer.poll()) != null) {
			if (signal != COMPLETE && signal != CLOSED && !(signal instanceof Failure)
					&& !(signal instanceof AwaitDeadlines.Watch)) {
				discard(signal);
			}
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
