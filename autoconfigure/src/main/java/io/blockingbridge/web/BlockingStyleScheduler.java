package io.blockingbridge.web;

import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;

/**
 * The Reactor {@link Scheduler} that WebFlux's {@code RequestMappingHandlerAdapter} uses for blocking
 * controller methods once the bridge is on (and that brings the answer of a {@link BlockingHandlers}
 * function back to its request's thread). A task that belongs to a {@link BlockingStyleRequest}
 * (the Reactor Context of the subscriber it delivers to names the request) runs on that request's
 * virtual thread; any other task goes to the application's own scheduler (from
 * {@code configureBlockingExecution}), or runs at once if it has none.
 */
final class BlockingStyleScheduler implements Scheduler {

	private final Scheduler fallback;

	BlockingStyleScheduler(@Nullable Scheduler applicationScheduler) {
		this.fallback = (applicationScheduler != null) ? applicationScheduler : Schedulers.immediate();
	}

	@Override
	public Disposable schedule(Runnable task) {
		BlockingStyleRequest<?> request = requestOf(task);
		return (request != null) ? request.schedule(task) : this.fallback.schedule(task);
	}

	@Override
	public Worker createWorker() {
		return new RoutingWorker(this.fallback);
	}

	@Override
	public void dispose() {
		this.fallback.dispose();
	}

	@Override
	public void init() {
		this.fallback.init();
	}

	/**
	 * Find the request a task belongs to from the Reactor Context of the subscriber it delivers to:
	 * {@link ReactorInternals#subscriberOf(Runnable)}, checked at start-up.
	 */
	private static @Nullable BlockingStyleRequest<?> requestOf(Runnable task) {
		ContextView context = contextOf(task);
		return (context != null) ? context.<BlockingStyleRequest<?>>getOrDefault(BlockingStyleRequest.CONTEXT_KEY, null) : null;
	}

	private static @Nullable ContextView contextOf(Runnable task) {
		CoreSubscriber<?> subscriber = ReactorInternals.subscriberOf(task);
		return (subscriber != null) ? subscriber.currentContext() : null;
	}

	/**
	 * Routes each task like the scheduler; a worker of the fallback is made when first needed. Guarded by a
	 * {@link ReentrantLock}, not {@code synchronized}: tasks are scheduled from virtual threads, and on JDK 21
	 * to 23 a virtual thread waiting for a monitor holds on to its carrier thread.
	 */
	private static final class RoutingWorker implements Worker {

		private final Scheduler fallback;

		private final Disposable.Composite tasks = Disposables.composite();

		private final ReentrantLock lock = new ReentrantLock();

		private @Nullable Worker fallbackWorker;

		RoutingWorker(Scheduler fallback) {
			this.fallback = fallback;
		}

		@Override
		public Disposable schedule(Runnable task) {
			BlockingStyleRequest<?> request = requestOf(task);
			if (request != null) {
				Disposable scheduled = request.schedule(task);
				this.tasks.add(scheduled);
				return scheduled;
			}
			return fallbackWorker().schedule(task);
		}

		private Worker fallbackWorker() {
			this.lock.lock();
			try {
				if (this.fallbackWorker == null) {
					this.fallbackWorker = this.fallback.createWorker();
				}
				return this.fallbackWorker;
			}
			finally {
				this.lock.unlock();
			}
		}

		@Override
		public void dispose() {
			this.tasks.dispose();
			this.lock.lock();
			try {
				if (this.fallbackWorker != null) {
					this.fallbackWorker.dispose();
				}
			}
			finally {
				this.lock.unlock();
			}
		}

		@Override
		public boolean isDisposed() {
			return this.tasks.isDisposed();
		}

	}

}
