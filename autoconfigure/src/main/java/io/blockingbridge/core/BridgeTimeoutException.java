package io.blockingbridge.core;

import java.time.Duration;

/**
 * Thrown when an awaited publisher does not complete within its time limit. The publisher has been
 * cancelled by the time this is thrown.
 * <p>
 * Left unhandled in a web request of an application with {@code bridge.enabled: true}, it answers
 * {@code 504 Gateway Timeout}: the I/O the request waited on did not answer in time (see
 * {@code io.blockingbridge.web.BridgeTimeoutWebExceptionHandler}).
 */
public class BridgeTimeoutException extends RuntimeException {

	/** The time limit that expired. */
	private final Duration timeout;

	/**
	 * Create an exception for the given limit.
	 * @param timeout the limit that expired
	 */
	public BridgeTimeoutException(Duration timeout) {
		super("Awaited publisher did not complete within " + timeout + " and was cancelled. The limit is the "
				+ "call's own (a timeout passed to Bridge.await, or set on the request or client) or, where it has "
				+ "none, the 'bridge.timeout' property (0 means no limit).");
		this.timeout = timeout;
	}

	/**
	 * Create an exception for the given limit with a message of its own.
	 * @param timeout the limit that expired
	 * @param message what happened and how to fix it
	 */
	public BridgeTimeoutException(Duration timeout, String message) {
		super(message);
		this.timeout = timeout;
	}

	/**
	 * Return the limit that expired.
	 * @return the time limit
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
