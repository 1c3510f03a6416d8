package io.blockingbridge.core;

import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Learns how each await through {@link Bridge} ends, for metrics. An integration SPI: the
 * auto-configuration puts a Micrometer implementation into the Reactor Context of every
 * blocking-style request when the application has a {@code MeterRegistry}; the core itself knows no
 * metrics library.
 * <p>
 * A {@link BridgeScope} takes the observer from its context when it opens (see {@link #bind}), or
 * inherits the one of the scope it nests in; {@link Bridge#spawn spawned} tasks get it through the
 * context they are subscribed with. Awaits outside of any scope, and in scopes without an observer,
 * are not observed. {@link Bridge#stream streams} are not observed either.
 * <p>
 * Called on the awaiting thread once the await has ended, for every await: implementations must be
 * cheap, thread-safe and must not throw.
 */
@FunctionalInterface
public interface AwaitObserver {

	/**
	 * Record how an await ended.
	 * @param outcome the outcome
	 */
	void awaitEnded(AwaitOutcome outcome);

	/**
	 * Return the given context with the given observer in it, for the scopes opened with it.
	 * @param context the Reactor Context
	 * @param observer the observer
	 * @return the context with the observer
	 */
	static Context bind(ContextView context, AwaitObserver observer) {
		return Context.of(context).put(AwaitObserver.class, observer);
	}

	/**
	 * Return the observer held by the given context.
	 * @param context the Reactor Context
	 * @return the observer, or {@code null} if it holds none
	 */
	static @org.jspecify.annotations.Nullable AwaitObserver from(ContextView context) {
		return context.getOrDefault(AwaitObserver.class, null);
	}

}
