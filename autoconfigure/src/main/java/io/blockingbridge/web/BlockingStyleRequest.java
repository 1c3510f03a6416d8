package io.blockingbridge.web;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;

import io.blockingbridge.core.BridgeScope;
import io.blockingbridge.core.BridgeTimeoutException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * One blocking-style request on a virtual thread of its own, started by the
 * {@link BlockingStyleRunner}: the thread opens a bridge scope with the request's Reactor Context,
 * subscribes to the handling of the request and runs every task scheduled for it
 * ({@link BlockingStyleScheduler}) until the handling ends, so that for a controller method the model
 * attribute, init binder, handler and exception handler methods all run on it. Reactive steps in
 * between (decoding the body, awaiting a reactive model attribute) keep running where they do;
 * their results come back to this thread. Cancelling the request interrupts the thread.
 * <p>
 * When the answer is a {@code Stream}, the thread stays on after handing over the result and
 * {@link BlockingStyleStream#produce() produces} the stream's elements in the same scope.
 *
 * @param <T> the type of the handling's result
 */
final class BlockingStyleRequest<T> implements Runnable {

	/** The Reactor Context key under which the handling finds its request. */
	static final Object CONTEXT_KEY = BlockingStyleRequest.class;

	private static final ThreadFactory REQUEST_THREADS = Thread.ofVirtual().name("bridge-request-", 0).factory();

	private static final Runnable END = () -> {
	};

	/** The longest path a thread name shows; longer ones are cut, ending with "...". */
	private static final int MAX_PATH_IN_NAME = 100;

	private final Mono<T> handling;

	private final MonoSink<T> sink;

	private final Duration timeout;

	private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

	private final Thread thread;

	private final BlockingStyleRequests requests;

	private final String handler;

	private final Duration streamStallTimeout;

	private final String httpMethod;

	private final String path;

	private final long startNanos;

	private volatile @Nullable Subscription subscription;

	private volatile @Nullable BridgeScope scope;

	private volatile boolean cancelled;

	private @Nullable T result;

	private @Nullable Throwable error;

	private @Nullable BlockingStyleStream<?> stream;

	private BlockingStyleRequest(Mono<T> handling, MonoSink<T> sink, Duration timeout, ServerHttpRequest httpRequest,
			String handler, BlockingStyleRequests requests, Duration streamStallTimeout) {
		this.handling = handling;
		this.sink = sink;
		this.timeout = timeout;
		this.requests = requests;
		this.handler = handler;
		this.streamStallTimeout = streamStallTimeout;
		this.httpMethod = httpRequest.getMethod().name();
		this.path = httpRequest.getPath().value();
		this.thread = REQUEST_THREADS.newThread(this);
		this.thread.setName(threadName(this.thread.getName(), this.httpMethod, this.path));
		this.startNanos = System.nanoTime();
	}

	/**
	 * Name a request's thread after what it serves, such as {@code bridge-request-17 POST /orders},
	 * so that thread dumps show it: the path without the query string, cut to a sane length.
	 */
	static String threadName(String prefix, String method, String path) {
		String shown = (path.length() <= MAX_PATH_IN_NAME) ? path : path.substring(0, MAX_PATH_IN_NAME - 3) + "...";
		return prefix + " " + method + " " + shown;
	}

	/**
	 * Run the given handling of a request on a new virtual thread.
	 * @param <T> the type of the handling's result
	 * @param handling the handling, subscribed to on the new thread
	 * @param timeout the default limit of awaits in the request
	 * @param httpRequest the request, for the thread's name and the live view
	 * @param handler what serves the request, as the live view and metrics name it
	 * @param requests the registry of requests in flight
	 * @param streamStallTimeout how long a streamed answer waits for its client to take more
	 * @return the handling's result, delivered on the request's thread
	 */
	static <T> Mono<T> run(Mono<T> handling, Duration timeout, ServerHttpRequest httpRequest, String handler,
			BlockingStyleRequests requests, Duration streamStallTimeout) {
		return Mono.create((sink) -> {
			BlockingStyleRequest<T> request = new BlockingStyleRequest<>(handling, sink, timeout, httpRequest, handler,
					requests, streamStallTimeout);
			sink.onCancel(request::cancel);
			requests.started(request);
			try {
				request.thread.start();
			}
			catch (RuntimeException | Error ex) {
				requests.ended(request, RequestOutcome.ERROR);
				throw ex;
			}
		});
	}

	/**
	 * Have this request's thread produce the given streamed answer once the result is handed over;
	 * called on the request's thread while it handles the request.
	 * @param answer the answer
	 */
	void produceAfterResult(BlockingStyleStream<?> answer) {
		this.stream = answer;
	}

	long startNanos() {
		return this.startNanos;
	}

	String handler() {
		return this.handler;
	}

	Duration streamStallTimeout() {
		return this.streamStallTimeout;
	}

	String httpMethod() {
		return this.httpMethod;
	}

	String path() {
		return this.path;
	}

	String threadName() {
		return this.thread.getName();
	}

	StackTraceElement[] stackTrace() {
		return this.thread.getStackTrace();
	}

	@Nullable String awaitingDescription() {
		BridgeScope current = this.scope;
		return (current != null) ? current.awaitingDescription() : null;
	}

	/**
	 * Run the given task on this request's thread, after the tasks before it.
	 * @param task the task
	 * @return a handle that drops the task if it has not started yet
	 */
	Disposable schedule(Runnable task) {
		ScheduledTask scheduled = new ScheduledTask(task);
		this.tasks.add(scheduled);
		return scheduled;
	}

	@Override
	public void run() {
		ContextView context = this.sink.contextView();
		RequestOutcome outcome = RequestOutcome.CANCELLED;
		try (BridgeScope scope = BridgeScope.open(context, this.timeout);
				BlockingStyleExchange.LocaleBinding locale = BlockingStyleExchange.bindLocale(context)) {
			this.scope = scope;
			try {
				outcome = handle(context);
			}
			catch (InterruptedException ex) {
				// Cancelled: nobody waits for the result any more.
			}
			BlockingStyleStream<?> answer = this.stream;
			if (answer != null) {
				if (this.cancelled) {
					// An interrupt of the cancelled handling must not hit the closing of the stream.
					Thread.interrupted();
				}
				RequestOutcome streamed = answer.produce();
				if (streamed != null) {
					outcome = streamed;
				}
			}
		}
		finally {
			this.scope = null;
			this.requests.ended(this, outcome);
		}
	}

	private RequestOutcome handle(ContextView context) throws InterruptedException {
		if (this.cancelled) {
			return RequestOutcome.CANCELLED;
		}
		this.handling.subscribe(new Handling(Context.of(context).put(CONTEXT_KEY, this)));
		runTasks();
		if (this.cancelled) {
			return RequestOutcome.CANCELLED;
		}
		Throwable failure = this.error;
		if (failure != null) {
			this.sink.error(failure);
			return (failure instanceof BridgeTimeoutException) ? RequestOutcome.TIMEOUT : RequestOutcome.ERROR;
		}
		if (this.result != null) {
			this.sink.success(this.result);
		}
		else {
			this.sink.success();
		}
		return RequestOutcome.SUCCESS;
	}


	private void runTasks() throws InterruptedException {
		while (true) {
			Runnable task = this.tasks.take();
			if (task == END) {
				return;
			}
			try {
				task.run();
			}
			catch (RuntimeException | Error ex) {
				Subscription current = this.subscription;
				if (current != null) {
					current.cancel();
				}
				this.error = ex;
				return;
			}
		}
	}

	private void cancel() {
		this.cancelled = true;
		BridgeScope open = this.scope;
		if (open != null) {
			open.markCancelled();
		}
		Subscription current = this.subscription;
		if (current != null) {
			current.cancel();
		}
		this.thread.interrupt();
		// Ends the task loop even if application code swallowed the interrupt.
		this.tasks.add(END);
	}

	/** Receives the outcome of the handling and ends the task loop. */
	private final class Handling implements CoreSubscriber<T> {

		private final Context context;

		Handling(Context context) {
			this.context = context;
		}

		@Override
		public Context currentContext() {
			return this.context;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			BlockingStyleRequest.this.subscription = subscription;
			// a cancel that came before the subscription did not see it: it is carried out now
			if (BlockingStyleRequest.this.cancelled) {
				subscription.cancel();
			}
			else {
				subscription.request(Long.MAX_VALUE);
			}
		}

		@Override
		public void onNext(T value) {
			BlockingStyleRequest.this.result = value;
		}

		@Override
		public void onError(Throwable throwable) {
			BlockingStyleRequest.this.error = throwable;
			BlockingStyleRequest.this.tasks.add(END);
		}

		@Override
		public void onComplete() {
			BlockingStyleRequest.this.tasks.add(END);
		}

	}

	/** A task waiting in the request's queue. */
	private static final class ScheduledTask implements Runnable, Disposable {

		private final Runnable task;

		private volatile boolean disposed;

		ScheduledTask(Runnable task) {
			this.task = task;
		}

		@Override
		public void run() {
			if (!this.disposed) {
				this.task.run();
			}
		}

		@Override
		public void dispose() {
			this.disposed = true;
		}

		@Override
		public boolean isDisposed() {
			return this.disposed;
		}

	}

}
