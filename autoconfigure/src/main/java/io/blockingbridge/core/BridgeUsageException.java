package io.blockingbridge.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the bridge is used where it must not be, for example an await on a thread that must
 * never block (a Reactor Netty event loop or any other {@link reactor.core.scheduler.NonBlocking}
 * thread), or a {@code @BlockingStyle} method that cannot be run in blocking style.
 * <p>
 * The message says what happened and how to fix it.
 */
public class BridgeUsageException extends IllegalStateException {

	/** How to fix the problem, when it is known apart from the message. */
	private final @Nullable String action;

	/**
	 * Create an exception with the given message.
	 * @param message what happened and how to fix it
	 */
	public BridgeUsageException(String message) {
		super(message);
		this.action = null;
	}

	/**
	 * Create an exception for the given problem and the action that fixes it; the message is the
	 * problem followed by the action on a line of its own.
	 * @param problem what happened
	 * @param action how to fix it
	 */
	public BridgeUsageException(String problem, String action) {
		super(problem + "\n" + action);
		this.action = action;
	}

	/**
	 * Return the action that fixes the problem, when it was given apart from the problem.
	 * @return the action, or {@code null} when the message says both
	 */
	public @Nullable String getAction() {
		return this.action;
	}

}
