package io.blockingbridge.web;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;

import io.blockingbridge.core.BridgeScope;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import org.springframework.web.reactive.HandlerResult;

/**
 * One blocking-style request on a virtual thread of its own: the thread opens a bridge scope with
 * the request's Reactor Context, subscribes to the handling of the request and runs every task
 * WebFlux schedules for it ({@link BlockingStyleScheduler}) until the handling ends, so model
 * attribute, init binder, handler and exception handler methods all run on it. Reactive steps in
 * between (decoding the body, awaiting a reactive model attribute) keep running where they do;
 * their results come back to this thread. Cancelling the request interrupts the thread.
 * <p>
 * When the method returned a {@code Stream}, the thread stays on after handing over the result and
 * {@link BlockingStyleStream#produce() produces} the stream's elements in the same scope.
 */
final class BlockingStyleRequest implements Runnable {

	/** The Reactor Context key under which the handling finds its request. */
	static final Object CONTEXT_KEY = BlockingStyleRequest.class;

	private static final ThreadFactory REQUEST_THREADS = Thread.ofVirtual().name("bridge-request-", 0).factory();

	private static final Runnable END = () -> {
	};

	private final Mono<HandlerResult> handling;

	private final MonoSink<HandlerResult> sink;

	private final Duration timeout;

	private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

	private final Thread thread;

	private volatile @Nullable Subscription subscription;

	private volatile boolean cancelled;

	private @Nullable HandlerResult result;

	private @Nullable Throwable error;

	private @Nullable BlockingStyleStream<?> stream;

	private BlockingStyleRequest(Mono<HandlerResult> handling, MonoSink<HandlerResult> sink, Duration timeout) {
		this.handling = handling;
		this.sink = sink;
		this.timeout = timeout;
		this.thread = REQUEST_THREADS.newThread(this);
	}

	/**
	 * Run the given handling of a request on a new virtual thread.
	 * @param handling the handling, subscribed to on the new thread
	 * @param timeout the default limit of awaits in the request
	 * @return the handling's result, delivered on the request's thread
	 */
	static Mono<HandlerResult> run(Mono<HandlerResult> handling, Duration timeout) {
		return Mono.create((sink) -> {
			BlockingStyleRequest request = new BlockingStyleRequest(handling, sink, timeout);
			sink.onCancel(request::cancel);
			request.thread.start();
		});
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

	/**
	 * Have this request's thread produce the given streamed answer once the result is handed over;
	 * called on the request's thread while it handles the request.
	 * @param answer the answer
	 */
	void produceAfterResult(BlockingStyleStream<?> answer) {
		this.stream = answer;
	}

	@Override
	public void run() {
		ContextView context = this.sink.contextView();
		try (BridgeScope scope = BridgeScope.open(context, this.timeout);
				BlockingStyleExchange.LocaleBinding locale = BlockingStyleExchange.bindLocale(context)) {
			try {
				handle();
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
				answer.produce();
			}
		}
	}

	private void handle() throws InterruptedException {
		if (this.cancelled) {
			return;
		}
		this.handling.subscribe(new Handling(Context.of(this.sink.contextView()).put(CONTEXT_KEY, this)));
		runTasks();
		if (this.error != null) {
			this.sink.error(this.error);
		}
		else if (this.result != null) {
			this.sink.success(this.result);
		}
		else {
			this.sink.success();
		}
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
		Subscription current = this.subscription;
		if (current != null) {
			current.cancel();
		}
		this.thread.interrupt();
		// Ends the task loop even if application code swallowed the interrupt.
		this.tasks.add(END);
	}

	/** Receives the outcome of the handling and ends the task loop. */
	private final class Handling implements CoreSubscriber<HandlerResult> {

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
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(HandlerResult value) {
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
