package io.blockingbridge.core;

import java.time.Duration;

/**
 * The bridge settings of one application context: the time limit ({@code bridge.timeout}) of the
 * scopes that its components open (blocking-style requests, transactions). Each application
 * context has its own instance, so that two applications in one JVM keep their own limits; there is
 * no JVM-wide setting. Immutable.
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
	 * Return the settings of the library's own defaults, for components created outside of an
	 * application context.
	 * @return settings with {@link BridgeScope#DEFAULT_TIMEOUT}
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
	 * Return the limit for a scope that a component of this application opens on the current
	 * thread: the one in force in the enclosing scope if there is one (see
	 * {@link BridgeScope#currentTimeout()}), this application's {@link #timeout()} otherwise.
	 * @return the time limit; zero means none
	 */
	public Duration scopeTimeout() {
		return (BridgeScope.current() != null) ? BridgeScope.currentTimeout() : this.timeout;
	}

	@Override
	public String toString() {
		return "BridgeSettings [timeout=" + this.timeout + "]";
	}

}
