package io.blockingbridge.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import io.blockingbridge.core.BridgeTimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.DispatchExceptionHandler;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.reactive.function.server.EntityResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * The answer of a blocking-style method that returned a {@link Stream}, or of a
 * {@link BlockingHandlers} function whose response body is one: a Flux that WebFlux writes (NDJSON,
 * server-sent events or a JSON array, by the {@code Accept} header or the response's content type),
 * whose elements are pulled on the request's virtual thread, in the request's bridge
 * scope, only as fast as the client takes them.
 * <p>
 * The first element is pulled before the answer is handed to WebFlux, so an exception up to it is
 * handled like any exception of the method ({@code @ExceptionHandler}, problem details). After the
 * answer is handed over, the request's thread {@link #produce() produces} the rest: it waits for
 * demand, pulls one element, emits it, and so on. Cancelling (the client went away) interrupts a
 * pull in progress. When the stream ends, fails or is cancelled, it is closed (its {@code onClose}
 * handlers run) and the admission permit, if any, comes back, before the end is signalled. A client
 * that takes nothing for the stall timeout ({@code bridge.web.stream-stall-timeout}) is given up: the
 * stream is closed and so is the connection.
 * <p>
 * On Reactor Netty the elements and the end are handed to the event loop of the response's
 * connection, which signals them to WebFlux: its encoders and the server's writing operators then see
 * elements, demand and cancellation on one thread, as with a reactive answer. Emitted from the
 * virtual thread instead, an element could cross a cancel (the client went away) inside those
 * operators, and the encoded buffer was left in their queue, never released. On other servers the
 * virtual thread signals the elements itself.
 * <p>
 * An exception after the first element ends a server-sent event answer with an {@code error} event
 * carrying a problem detail; any other answer fails, so the connection is closed without the end of
 * the body (no closing chunk, no closing bracket of a JSON array) and the client sees a broken body.
 *
 * @param <T> the type of the elements
 */
final class BlockingStyleStream<T> extends Flux<T> implements Subscription {

	private static final Log logger = LogFactory.getLog(BlockingStyleStream.class);

	/** Stands for "no element" where a Stream's own element may be {@code null}. */
	private static final Object NONE = new Object();

	/** Stands for "no subscriber will come": the answer ended before WebFlux subscribed. */
	private static final CoreSubscriber<Object> NOBODY = new BaseSubscriber<>() {
	};

	/** Handed to the event loop after the last element: the stream ended. */
	private static final Object COMPLETE = new Object();

	/**
	 * At most this many elements wait for the event loop, whatever the demand: a writer that asks
	 * for everything (the body of a HEAD request is consumed with unbounded demand) must not let the
	 * producer queue up the whole stream ahead of the event loop.
	 */
	static final int HANDED_LIMIT = 256;

	/** How often a producer waiting for WebFlux to subscribe checks whether the connection is still open. */
	private static final long SUBSCRIBER_POLL_NANOS = 100_000_000L;

	private final Stream<T> stream;

	private final Iterator<T> iterator;

	private final ServerWebExchange exchange;

	/** The connection the answer is written to, or {@code null} on a server without one. */
	private final @Nullable ResponseConnection connection;

	/** The event loop that signals to WebFlux, or {@code null} for the producing thread itself. */
	private final @Nullable Executor eventLoop;

	/** How long the producer waits for demand before it gives the client up; 0 for ever. */
	private final Duration stallTimeout;

	/** Signals handed to the event loop, not yet delivered. */
	private final Queue<Object> handed = new ConcurrentLinkedQueue<>();

	/** Signals handed since the event loop's delivery began (a work-in-progress counter). */
	private final AtomicInteger handing = new AtomicInteger();

	/** Elements handed to the event loop, not yet delivered or dropped. */
	private final AtomicInteger undelivered = new AtomicInteger();

	private volatile @Nullable Thread producer;

	private final List<Runnable> endActions = new ArrayList<>();


	private final AtomicLong requested = new AtomicLong();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition signalled = this.lock.newCondition();

	/** An element pulled and not emitted yet, or {@link #NONE}: dropped if the stream ends before. */
	private @Nullable Object unemitted = NONE;

	/** The first element, pulled ahead, or {@link #NONE}. */
	private @Nullable Object first = NONE;

	private boolean exhausted;

	private boolean pulling;

	private volatile boolean cancelled;

	/** Set with {@link #cancelled} when the client took nothing for the stall timeout. */
	private boolean stalled;

	/** Set when the response is answered without this stream (an error page, a HEAD request). */
	private volatile boolean unwritten;

	/** WebFlux's subscriber, or {@link #NOBODY} once {@link #produce()} found none. */
	private final AtomicReference<@Nullable CoreSubscriber<? super T>> actual = new AtomicReference<>();

	private BlockingStyleStream(Stream<T> stream, ServerWebExchange exchange, Duration stallTimeout) {
		this.stream = stream;
		this.exchange = exchange;
		this.iterator = stream.iterator();
		this.connection = ResponseConnection.of(exchange);
		this.eventLoop = (this.connection != null) ? this.connection.eventLoop() : null;
		this.stallTimeout = stallTimeout;
	}

	/**
	 * Turn a handler result whose value is a {@link Stream} (or a {@link ResponseEntity} or
	 * {@link HttpEntity} with one as body) into one whose value is a {@code BlockingStyleStream};
	 * leave any other result as it is. Runs on the request's virtual thread: it pulls the first
	 * element there, and an exception up to it goes to the result's exception handler.
	 * @param result the result of the handler method
	 * @param exchange the request's exchange
	 * @return the result to hand to WebFlux
	 */
	static Mono<HandlerResult> answer(HandlerResult result, ServerWebExchange exchange) {
		Object value = result.getReturnValue();
		Stream<?> stream = streamOf(value);
		if (stream == null) {
			return Mono.just(result);
		}
		return Mono.deferContextual((context) -> {
			BlockingStyleStream<?> started;
			try {
				started = streamed(stream, exchange, context);
			}
			catch (RuntimeException | Error ex) {
				DispatchExceptionHandler exceptionHandler = result.getExceptionHandler();
				return (exceptionHandler != null) ? exceptionHandler.handleError(exchange, ex) : Mono.error(ex);
			}
			BlockingStyleStream<?> answer = started;
			HandlerResult streamed = new HandlerResult(result.getHandler(), withBody(value, answer),
					result.getReturnTypeSource(), result.getBindingContext());
			DispatchExceptionHandler exceptionHandler = result.getExceptionHandler();
			if (exceptionHandler != null) {
				// Errors before the response is committed (406, ...) go to the exception handlers; after
				// it is, there is nothing they could answer.
				streamed.setExceptionHandler((ex, error) -> {
					if (ex.getResponse().isCommitted()) {
						return Mono.error(error);
					}
					answer.committing();
					return exceptionHandler.handleError(ex, error);
				});
			}
			return Mono.just(streamed);
		});
	}

	/**
	 * Turn the response of a {@link BlockingHandlers} function whose body is a {@link Stream} (built
	 * with {@code ServerResponse...bodyValue(stream)}) into one whose body is a
	 * {@code BlockingStyleStream}, with the same status, headers and cookies; leave any other response
	 * as it is. Runs on the request's virtual thread: it pulls the first element there, and an
	 * exception up to it fails the returned Mono, like an exception of the function.
	 * @param response the function's response
	 * @param exchange the request's exchange
	 * @return the response to hand to WebFlux
	 */
	static Mono<ServerResponse> answer(ServerResponse response, ServerWebExchange exchange) {
		if (!(response instanceof EntityResponse<?> entity) || !(entity.entity() instanceof Stream<?> stream)) {
			return Mono.just(response);
		}
		return Mono.deferContextual((context) -> {
			@SuppressWarnings("unchecked")
			Flux<Object> answer = (Flux<Object>) streamed(stream, exchange, context);
			return EntityResponse.fromPublisher(answer, Object.class)
				.status(entity.statusCode())
				.headers((headers) -> headers.addAll(entity.headers()))
				.cookies((cookies) -> cookies.addAll(entity.cookies()))
				.build()
				.cast(ServerResponse.class);
		});
	}

	/**
	 * Start the streamed answer of the request whose Reactor Context is given: pull the first element,
	 * keep the request's admission permit until the stream ends, and have the request's thread produce
	 * the rest once the answer is handed over.
	 */
	private static BlockingStyleStream<?> streamed(Stream<?> stream, ServerWebExchange exchange,
			ContextView context) {
		BlockingStyleRequest<?> request = context.get(BlockingStyleRequest.CONTEXT_KEY);
		BlockingStyleStream<?> answer = start(stream, exchange, request.streamStallTimeout());
		answer.onEnd(BlockingStyleAdmission.keepPermit(context));
		// Committed before WebFlux subscribed, the response goes out without the stream.
		exchange.getResponse().beforeCommit(() -> {
			answer.committing();
			return Mono.empty();
		});
		request.produceAfterResult(answer);
		return answer;
	}

	private static @Nullable Stream<?> streamOf(@Nullable Object value) {
		if (value instanceof Stream<?> stream) {
			return stream;
		}
		if (value instanceof HttpEntity<?> entity && entity.getBody() instanceof Stream<?> stream) {
			return stream;
		}
		return null;
	}

	private static Object withBody(@Nullable Object value, Flux<?> body) {
		if (value instanceof ResponseEntity<?> entity) {
			return new ResponseEntity<>(body, entity.getHeaders(), entity.getStatusCode());
		}
		if (value instanceof HttpEntity<?> entity) {
			return new HttpEntity<>(body, entity.getHeaders());
		}
		return body;
	}

	@SuppressWarnings("unchecked")
	private CoreSubscriber<? super T> nobody() {
		return (CoreSubscriber<? super T>) (CoreSubscriber<?>) NOBODY;
	}

	private static <T> BlockingStyleStream<T> start(Stream<T> stream, ServerWebExchange exchange,
			Duration stallTimeout) {
		BlockingStyleStream<T> answer;
		try {
			answer = new BlockingStyleStream<>(stream, exchange, stallTimeout);
			answer.pullFirst();
		}
		catch (RuntimeException | Error ex) {
			closeAfterFailure(stream, ex);
			throw ex;
		}
		return answer;
	}

	private void pullFirst() {
		if (this.iterator.hasNext()) {
			this.first = this.iterator.next();
		}
		else {
			this.exhausted = true;
		}
	}

	private void onEnd(Runnable action) {
		this.endActions.add(action);
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> subscriber) {
		if (!this.actual.compareAndSet(null, subscriber)) {
			Operators.error(subscriber, new IllegalStateException("The Stream a @BlockingStyle method returned is "
					+ "written once, while WebFlux writes the response; it cannot be subscribed to again or later"));
			return;
		}
		this.lock.lock();
		try {
			this.signalled.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		subscriber.onSubscribe(this);
	}

	/** The response is committed (or answered otherwise): without a subscriber by now, the stream is not written. */
	private void committing() {
		if (this.actual.get() == null) {
			this.unwritten = true;
			signal(false);
		}
	}

	@Override
	public void request(long n) {
		if (Operators.validate(n)) {
			this.requested.getAndUpdate((current) -> Operators.addCap(current, n));
			signal(false);
		}
	}

	@Override
	public void cancel() {
		signal(true);
	}

	private void signal(boolean cancel) {
		this.lock.lock();
		try {
			if (cancel && !this.cancelled) {
				this.cancelled = true;
				Thread thread = this.producer;
				if (this.pulling && thread != null) {
					thread.interrupt();
				}
			}
			this.signalled.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Write the stream: called on the request's thread, in its bridge scope, once the answer has
	 * been handed to WebFlux; returns when the stream has ended, failed or was cancelled, and closed.
	 * @return how the streaming ended, or {@code null} if WebFlux never wrote the answer
	 */
	@Nullable RequestOutcome produce() {
		this.producer = Thread.currentThread();
		try {
			awaitSubscriber();
		}
		catch (InterruptedException ex) {
			// Cancelled: nobody will write the answer.
		}
		if (this.actual.compareAndSet(null, nobody())) {
			// WebFlux did not write the answer (the request failed or was cancelled meanwhile).
			Object dropped = this.first;
			this.first = NONE;
			discard(dropped, Context.empty());
			end();
			return null;
		}
		CoreSubscriber<? super T> subscriber = Objects.requireNonNull(this.actual.get());
		Throwable failure = null;
		try {
			failure = emitAll(subscriber);
		}
		catch (InterruptedException ex) {
			// Cancelled while waiting for demand.
		}
		catch (RuntimeException | Error ex) {
			failure = ex;
		}
		if (this.stalled) {
			endStalled(subscriber);
		}
		Throwable closing = end();
		if (this.stalled) {
			return RequestOutcome.TIMEOUT;
		}
		if (this.cancelled) {
			return RequestOutcome.CANCELLED;
		}
		if (failure == null && closing != null) {
			failure = closing;
		}
		if (failure == null) {
			emit(subscriber, COMPLETE);
			return RequestOutcome.SUCCESS;
		}
		fail(subscriber, failure);
		if (this.stalled) {
			endStalled(subscriber);
			return RequestOutcome.TIMEOUT;
		}
		return (failure instanceof BridgeTimeoutException) ? RequestOutcome.TIMEOUT : RequestOutcome.ERROR;
	}

	/** Emit the elements as they are asked for; return the failure of the stream, if any. */
	private @Nullable Throwable emitAll(CoreSubscriber<? super T> subscriber) throws InterruptedException {
		Object next = this.first;
		this.first = NONE;
		try {
			return emitEach(subscriber, next);
		}
		finally {
			// An element pulled and never emitted (cancelled meanwhile) is dropped here.
			Object dropped = this.unemitted;
			this.unemitted = NONE;
			discard(dropped, subscriber.currentContext());
		}
	}

	private @Nullable Throwable emitEach(CoreSubscriber<? super T> subscriber, Object next) throws InterruptedException {
		this.unemitted = next;
		while (!this.exhausted) {
			if (!awaitDemand()) {
				return null;
			}
			if (next == NONE) {
				try {
					next = pull();
				}
				catch (RuntimeException | Error ex) {
					return this.cancelled ? null : ex;
				}
				this.unemitted = next;
				if (this.cancelled || this.exhausted) {
					return null;
				}
			}
			if (next == null) {
				return new NullPointerException("The Stream a @BlockingStyle method returned has a null element, which "
						+ "cannot be written; filter nulls out (Stream.filter(Objects::nonNull)) or map them to a value");
			}
			this.requested.getAndUpdate((current) -> (current == Long.MAX_VALUE) ? current : current - 1);
			Object value = next;
			next = NONE;
			this.unemitted = NONE;
			emit(subscriber, value);
		}
		return null;
	}

	/**
	 * Signal an element, {@link #COMPLETE} or a {@link Failure} to WebFlux: through the event loop
	 * if there is one, else right here.
	 */
	private void emit(CoreSubscriber<? super T> subscriber, Object signal) {
		Executor loop = this.eventLoop;
		if (loop == null) {
			deliver(subscriber, signal);
			return;
		}
		if (isElement(signal)) {
			this.undelivered.incrementAndGet();
		}
		this.handed.offer(signal);
		if (this.handing.getAndIncrement() != 0) {
			return; // the event loop's delivery in progress takes it
		}
		try {
			loop.execute(() -> deliverHanded(subscriber));
		}
		catch (RejectedExecutionException ex) {
			// The server is shutting down: nothing will be written any more.
			cancel();
			Object dropped;
			while ((dropped = this.handed.poll()) != null) {
				discard(dropped, subscriber.currentContext());
			}
		}
	}

	/** On the event loop: deliver what was handed, until nothing is left; after a cancel, drop it. */
	private void deliverHanded(CoreSubscriber<? super T> subscriber) {
		int missed = 1;
		do {
			Object signal;
			while ((signal = this.handed.poll()) != null) {
				if (!this.cancelled && !isOpen()) {
					// Closed, but the writer has not heard of it yet: what it took now, it would drop
					// unreleased (an encoded element waiting in its queue, the first element it holds).
					cancel();
				}
				if (this.cancelled) {
					discard(signal, subscriber.currentContext());
				}
				else {
					try {
						deliver(subscriber, signal);
					}
					catch (RuntimeException | Error ex) {
						// A subscriber that throws broke the rules; stop the stream rather than lose the loop.
						cancel();
						Operators.onErrorDropped(ex, subscriber.currentContext());
					}
				}
				if (isElement(signal) && this.undelivered.decrementAndGet() == HANDED_LIMIT - 1) {
					// The producer may wait for room among the handed elements.
					signal(false);
				}
			}
			missed = this.handing.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private boolean isOpen() {
		ResponseConnection open = this.connection;
		return open == null || open.isOpen();
	}

	/**
	 * Drop an element nobody will write: a data buffer is released, anything else goes to the
	 * discard hook; the end signals and {@link #NONE} are left alone.
	 */
	private static void discard(@Nullable Object value, Context context) {
		if (value == null || value == NONE || !isElement(value)) {
			return;
		}
		if (value instanceof DataBuffer dataBuffer) {
			DataBufferUtils.release(dataBuffer);
		}
		else {
			Operators.onDiscard(value, context);
		}
	}

	private static boolean isElement(Object signal) {
		return signal != COMPLETE && !(signal instanceof Failure);
	}

	@SuppressWarnings("unchecked")
	private void deliver(CoreSubscriber<? super T> subscriber, Object signal) {
		if (signal == COMPLETE) {
			subscriber.onComplete();
		}
		else if (signal instanceof Failure failure) {
			subscriber.onError(failure.error());
		}
		else {
			subscriber.onNext((T) signal);
		}
	}

	/**
	 * Wait until WebFlux subscribes: usually it has by now, as it writes the answer when it gets it,
	 * but a response decorator may subscribe after an asynchronous step of its own. Gives up when the
	 * response is answered without the stream (committed before WebFlux subscribed: an error page, a
	 * HEAD request), when the connection is closed, or after the stall timeout.
	 */
	private void awaitSubscriber() throws InterruptedException {
		long limit = this.stallTimeout.toNanos();
		long deadline = System.nanoTime() + limit;
		this.lock.lock();
		try {
			while (this.actual.get() == null && !this.unwritten && isOpen()) {
				long remaining = (limit > 0) ? deadline - System.nanoTime() : SUBSCRIBER_POLL_NANOS;
				if (remaining <= 0) {
					return;
				}
				// Wakes up now and then: a closed connection signals nothing here.
				this.signalled.awaitNanos(Math.min(remaining, SUBSCRIBER_POLL_NANOS));
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wait until the client may take another element; {@code false} if it went away meanwhile, or
	 * took nothing for the stall timeout (then the answer counts as {@link #stalled}).
	 */
	private boolean awaitDemand() throws InterruptedException {
		long limit = this.stallTimeout.toNanos();
		long remaining = limit;
		this.lock.lock();
		try {
			while ((this.requested.get() == 0 || this.undelivered.get() >= HANDED_LIMIT) && !this.cancelled) {
				if (limit <= 0) {
					this.signalled.await();
				}
				else if (remaining > 0) {
					remaining = this.signalled.awaitNanos(remaining);
				}
				else {
					this.stalled = true;
					this.cancelled = true;
				}
			}
			return !this.cancelled;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * End an answer whose client took nothing for the stall timeout: its status and some elements
	 * are out, so the connection is closed (on a server without one, the answer fails).
	 */
	private void endStalled(CoreSubscriber<? super T> subscriber) {
		ServerHttpRequest request = this.exchange.getRequest();
		String message = "The client of " + request.getMethod() + " " + request.getPath().value()
				+ " took nothing of the streamed answer for " + this.stallTimeout.toMillis()
				+ " ms (bridge.web.stream-stall-timeout); the stream is closed and so is the connection";
		logger.warn(this.exchange.getLogPrefix() + message);
		ResponseConnection open = this.connection;
		if (open != null) {
			open.close();
		}
		else {
			deliver(subscriber, new Failure(new BridgeTimeoutException(this.stallTimeout, message)));
		}
	}

	/** Pull the next element, interruptible by cancelling; {@link #NONE} once the stream is exhausted. */
	private @Nullable Object pull() {
		this.lock.lock();
		try {
			if (this.cancelled) {
				return NONE;
			}
			this.pulling = true;
		}
		finally {
			this.lock.unlock();
		}
		try {
			if (!this.iterator.hasNext()) {
				this.exhausted = true;
				return NONE;
			}
			return this.iterator.next();
		}
		finally {
			this.lock.lock();
			try {
				this.pulling = false;
				// An interrupt of a cancel that came too late for the pull must not hit what follows.
				Thread.interrupted();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/** Close the stream and run the end actions; return the failure of closing, if any. */
	private @Nullable Throwable end() {
		Throwable failure = null;
		try {
			this.stream.close();
		}
		catch (RuntimeException | Error ex) {
			failure = ex;
		}
		for (Runnable action : this.endActions) {
			action.run();
		}
		return failure;
	}

	private void fail(CoreSubscriber<? super T> subscriber, Throwable failure) {
		MediaType contentType = this.exchange.getResponse().getHeaders().getContentType();
		if (contentType == null || !MediaType.TEXT_EVENT_STREAM.isCompatibleWith(contentType)) {
			emit(subscriber, new Failure(failure));
			return;
		}
		logger.warn(this.exchange.getLogPrefix() + "The Stream of a @BlockingStyle method failed after its first "
				+ "element; the server-sent events end with an 'error' event", failure);
		try {
			if (awaitDemand()) {
				emit(subscriber, BlockingStyleStreamError.event(failure));
				emit(subscriber, COMPLETE);
			}
		}
		catch (InterruptedException ex) {
			// Cancelled while waiting to write the error event.
		}
		catch (RuntimeException | Error ex) {
			failure.addSuppressed(ex);
			emit(subscriber, new Failure(failure));
		}
	}

	/** Handed to the event loop instead of the next element: the stream failed. */
	private record Failure(Throwable error) {
	}

	private static void closeAfterFailure(Stream<?> stream, Throwable failure) {
		try {
			stream.close();
		}
		catch (RuntimeException | Error ex) {
			failure.addSuppressed(ex);
		}
	}

}
