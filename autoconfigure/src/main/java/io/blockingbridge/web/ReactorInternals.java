package io.blockingbridge.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.blockingbridge.core.BridgeUsageException;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;

/**
 * The one place the bridge relies on Reactor's internals: {@link BlockingStyleScheduler} finds the
 * request a task belongs to from the subscriber the task delivers to, which is the task itself
 * (publishOn, subscribeOn) or, for publishOn over a value (what WebFlux schedules for a controller
 * method whose arguments are resolved at once), an internal task of Reactor that names that
 * subscriber as its {@link Scannable.Attr#ACTUAL}.
 * <p>
 * {@link #check()} runs at start-up (by {@link BlockingStyleAdapterPostProcessor}): it schedules
 * each shape of pipeline WebFlux uses on a probe scheduler and verifies that every task leads to
 * its subscriber. If this version of Reactor no longer does, the application fails to start with
 * a {@link BridgeUsageException} naming the Reactor version and what to do, instead of running
 * {@code @BlockingStyle} methods on the event loop.
 */
final class ReactorInternals {

	private static final String PROBE_KEY = ReactorInternals.class.getName() + ".PROBE";

	private ReactorInternals() {
	}

	/**
	 * Return the subscriber the given task of a scheduler delivers to.
	 * @param task the task
	 * @return its subscriber, or {@code null} if it names none
	 */
	static @Nullable CoreSubscriber<?> subscriberOf(Runnable task) {
		if (task instanceof CoreSubscriber<?> subscriber) {
			return subscriber;
		}
		Object actual = Scannable.from(task).scanUnsafe(Scannable.Attr.ACTUAL);
		return (actual instanceof CoreSubscriber<?> subscriber) ? subscriber : null;
	}

	/**
	 * Verify that {@link #subscriberOf(Runnable)} finds the subscriber of each task WebFlux schedules
	 * with this version of Reactor.
	 * @throws BridgeUsageException if it does not
	 */
	static void check() {
		check(ReactorInternals::subscriberOf, version());
	}

	/**
	 * Verify that the given lookup finds the subscriber of each task WebFlux schedules; in tests, a
	 * lookup that stands for a version of Reactor that changed.
	 * @param subscriberOf the lookup
	 * @param reactorVersion the Reactor version to name if it does not
	 */
	static void check(Function<Runnable, @Nullable CoreSubscriber<?>> subscriberOf, @Nullable String reactorVersion) {
		List<String> failed = new ArrayList<>();
		probe("publishOn over a value", (scheduler) -> Mono.just("value").publishOn(scheduler), subscriberOf, failed);
		probe("publishOn", (scheduler) -> Mono.just("value").hide().publishOn(scheduler), subscriberOf, failed);
		probe("subscribeOn", (scheduler) -> Mono.just("value").hide().subscribeOn(scheduler), subscriberOf, failed);
		probe("Flux publishOn", (scheduler) -> Flux.just("value").hide().publishOn(scheduler), subscriberOf, failed);
		if (!failed.isEmpty()) {
			throw new BridgeUsageException("Blocking Bridge cannot run @BlockingStyle methods on this version of "
					+ "Reactor (Reactor Core " + reactorVersion + "): the tasks it schedules for " + String.join(", ", failed)
					+ " no longer lead to the subscriber they deliver to (Scannable.Attr.ACTUAL), by which the bridge "
					+ "runs each step of a request on the request's virtual thread. The bridge will not start rather "
					+ "than run those steps on the event loop.",
					"Use a version of Blocking Bridge that supports Reactor Core " + reactorVersion
							+ ", or switch the bridge off with 'bridge.enabled: false' until there is one.");
		}
	}

	static @Nullable String version() {
		return Flux.class.getPackage().getImplementationVersion();
	}

	private static void probe(String shape, Function<Scheduler, org.reactivestreams.Publisher<String>> pipeline,
			Function<Runnable, @Nullable CoreSubscriber<?>> subscriberOf, List<String> failed) {
		ProbeScheduler scheduler = new ProbeScheduler(subscriberOf);
		Flux.from(pipeline.apply(scheduler)).contextWrite(Context.of(PROBE_KEY, shape)).subscribe();
		if (scheduler.tasks == 0 || scheduler.found != scheduler.tasks) {
			failed.add(shape);
		}
	}

	/** Runs each task at once, counting those that lead to a subscriber with the probe's context. */
	private static final class ProbeScheduler implements Scheduler {

		private final Function<Runnable, @Nullable CoreSubscriber<?>> subscriberOf;

		private int tasks;

		private int found;

		ProbeScheduler(Function<Runnable, @Nullable CoreSubscriber<?>> subscriberOf) {
			this.subscriberOf = subscriberOf;
		}

		@Override
		public Disposable schedule(Runnable task) {
			this.tasks++;
			CoreSubscriber<?> subscriber = this.subscriberOf.apply(task);
			if (subscriber != null && subscriber.currentContext().hasKey(PROBE_KEY)) {
				this.found++;
			}
			task.run();
			return Disposables.disposed();
		}

		@Override
		public Worker createWorker() {
			Disposable.Composite tasks = Disposables.composite();
			return new Worker() {

				@Override
				public Disposable schedule(Runnable task) {
					return ProbeScheduler.this.schedule(task);
				}

				@Override
				public void dispose() {
					tasks.dispose();
				}

				@Override
				public boolean isDisposed() {
					return tasks.isDisposed();
				}

			};
		}

	}

}
