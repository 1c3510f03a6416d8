package io.blockingbridge.web;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;

import io.blockingbridge.core.BridgeScope;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Scannable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The Reactor {@link Scheduler} that WebFlux invokes blocking-style controller methods on: each task
 * runs on a new virtual thread inside a {@link BridgeScope} holding the Reactor Context of the
 * subscriber that scheduled it (the request's), and disposing the task interrupts that thread.
 * <p>
 * Workers run their tasks at once on the calling thread: only the invocation itself, which WebFlux
 * schedules directly, moves to a virtual thread.
 */
final class BlockingStyleScheduler implements Scheduler {

	private static final ThreadFactory REQUEST_THREADS = Thread.ofVirtual().name("bridge-request-", 0).factory();

	private final Duration timeout;

	BlockingStyleScheduler(Duration timeout) {
		this.timeout = timeout;
	}

	@Override
	public Disposable schedule(Runnable task) {
		Invocation invocation = new Invocation(task, contextOf(task), this.timeout);
		invocation.thread.start();
		return invocation;
	}

	/**
	 * Find the Reactor Context of the subscriber a task delivers to: the task is either that
	 * subscriber (publishOn) or an inner producer that names it as its actual subscriber (publishOn
	 * over a scalar value, as for a method without arguments).
	 */
	private static ContextView contextOf(Runnable task) {
		if (task instanceof CoreSubscriber<?> subscriber) {
			return subscriber.currentContext();
		}
		Object actual = Scannable.from(task).scanUnsafe(Scannable.Attr.ACTUAL);
		if (actual instanceof CoreSubscriber<?> subscriber) {
			return subscriber.currentContext();
		}
		return Context.empty();
	}

	@Override
	public Worker createWorker() {
		return Schedulers.immediate().createWorker();
	}

	/** One task on its own virtual thread, interrupted when disposed before it ends. */
	private static final class Invocation implements Runnable, Disposable {

		private final Runnable task;

		private final ContextView context;

		private final Duration timeout;

		private final Thread thread;

		private volatile boolean disposed;

		private volatile boolean finished;

		Invocation(Runnable task, ContextView context, Duration timeout) {
			this.task = task;
			this.context = context;
			this.timeout = timeout;
			this.thread = REQUEST_THREADS.newThread(this);
		}

		@Override
		public void run() {
			try (BridgeScope scope = BridgeScope.open(this.context, this.timeout)) {
				if (!this.disposed) {
					this.task.run();
				}
			}
			finally {
				this.finished = true;
			}
		}

		@Override
		public void dispose() {
			this.disposed = true;
			if (!this.finished) {
				this.thread.interrupt();
			}
		}

		@Override
		public boolean isDisposed() {
			return this.disposed;
		}

	}

}
