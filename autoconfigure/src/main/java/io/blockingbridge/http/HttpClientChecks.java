package io.blockingbridge.http;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The checks the blocking HTTP clients of this package make on time limits and on what an awaited
 * exchange produced, each written once so that they fail with the same message everywhere.
 */
final class HttpClientChecks {

	private HttpClientChecks() {
	}

	/**
	 * Return the given time limit if it is zero or positive.
	 * @param timeout the time limit
	 * @return the time limit
	 * @throws IllegalArgumentException if it is negative
	 */
	static Duration nonNegativeTimeout(Duration timeout) {
		if (timeout.isNegative()) {
			throw new IllegalArgumentException(
					"The timeout must not be negative, but was " + timeout + "; use Duration.ZERO for no limit");
		}
		return timeout;
	}

	/**
	 * Return what an awaited exchange produced, which the reactive client always emits.
	 * @param <T> the type of the value
	 * @param value the value, {@code null} if the exchange completed empty
	 * @return the value
	 * @throws IllegalStateException if the exchange completed empty
	 */
	static <T> T requiredResponse(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("The HTTP exchange completed without a response");
		}
		return value;
	}

}
