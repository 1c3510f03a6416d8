package io.blockingbridge.core;

/**
 * Thrown when the bridge is used where it must not be, for example an await on a thread that must
 * never block (a Reactor Netty event loop or any other {@link reactor.core.scheduler.NonBlocking}
 * thread), or a {@code @BlockingStyle} method that cannot be run in blocking style.
 * <p>
 * The message says what happened and how to fix it.
 */
public class BridgeUsageException extends IllegalStateException {

	/**
	 * Create an exception with the given message.
	 * @param message what happened and how to fix it
	 */
	public BridgeUsageException(String message) {
		super(message);
	}

}
