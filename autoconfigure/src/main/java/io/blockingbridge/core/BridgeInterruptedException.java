package io.blockingbridge.core;

/**
 * Thrown when a thread is interrupted while it awaits a publisher, typically because the client of a
 * {@code @BlockingStyle} request went away or a {@link Bridge#spawn spawned} task was cancelled. The
 * awaited publisher has been cancelled and the thread's interrupt flag is still set.
 */
public class BridgeInterruptedException extends RuntimeException {

	/**
	 * Create an exception with the given cause.
	 * @param cause the interruption
	 */
	public BridgeInterruptedException(InterruptedException cause) {
		super("Interrupted while awaiting a publisher; the publisher was cancelled", cause);
	}

}
