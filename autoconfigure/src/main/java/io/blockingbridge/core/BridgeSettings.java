package io.blockingbridge.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The bridge settings of one application context: its time limit ({@code bridge.timeout}). Each
 * application context has its own instance, carried by the components it creates (the blocking
 * clients, repositories, transactions, blocking-style requests and functional endpoints), so that
 * two applications in one JVM keep their own limits. Where that limit applies, and what wins over
 * it, is written down once in docs/bridge.md, section "Time limits"; {@link #scopeTimeout()} and
 * {@link BridgeScope#currentTimeout()} are the two ways to ask for it. Immutable.
 */
public final class BridgeSettings {

	private static final BridgeSettings DEFAULTS = new BridgeSettings(BridgeScope.DEFAULT_TIMEOUT);

	private final Duration timeout;

	/**
	 * Create settings with the given limit.
	 * @param timeout the limit of awaits that have none of their own; zero means none
	 */
	public BridgeSettings(Duration timeout) {
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("The bridge timeout must not be negative, but was " + timeout
					+ "; set 'bridge.timeout' to a positive duration, or to 0 for no limit");
		}
		this.timeout = timeout;
	}

	/**
	 * Return the settings of components created outside of an application context: they resolve
	 * their limit as code without a component does ({@link BridgeScope#currentTimeout()}).
	 * @return settings whose {@link #timeout()} is {@link BridgeScope#DEFAULT_TIMEOUT}
	 */
	public static BridgeSettings defaults() {
		return DEFAULTS;
	}

	/**
	 * Return the configured limit of awaits that have none of their own.
	 * @return the time limit; zero means none
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Return the limit of an await, or of a scope, that a component of this application starts on
	 * the current thread without a limit of its own: the time the enclosing scope leaves if there is
	 * one, this application's {@link #timeout()} otherwise (docs/bridge.md, "Time limits").
	 * @return the time limit; zero means none
	 */
	public Duration scopeTimeout() {
		return TimeLimits.resolve(this);
	}

	/**
	 * Register these settings as those of the given running application context, until the
	 * returned registration is closed: its functional endpoints find them, and while it is the only
	 * application context registered in this JVM, awaits outside of any scope that no component of an
	 * application makes (a plain {@code Bridge.await} in a {@code @Scheduled} method) use them too.
	 * The auto-configuration registers each application context with the bridge when it starts and
	 * unregisters it when it stops.
	 * @param application the application context
	 * @return the registration, to be closed when the application context stops
	 */
	public Registration register(Object application) {
		return TimeLimits.register(application, this);
	}

	/**
	 * Return the settings registered for the given application context.
	 * @param application the application context
	 * @return its settings, or {@code null} if it has none registered
	 */
	public static @Nullable BridgeSettings registeredFor(Object application) {
		return TimeLimits.registeredFor(application);
	}

	@Override
	public String toString() {
		return "BridgeSettings [timeout=" + this.timeout + "]";
	}

	/**
	 * The registration of an application context's settings, see {@link #register(Object)}.
	 */
	@FunctionalInterface
	public interface Registration extends AutoCloseable {

		/**
		 * Unregister the settings. Closing it again does nothing.
		 */
		@Override
		void close();

	}

}
