package io.blockingbridge.core;

/**
 * How an await through {@link Bridge} ended, as told to an {@link AwaitObserver}.
 */
public enum AwaitOutcome {

	/** The publisher completed, with or without a value. */
	SUCCESS,

	/** The publisher failed; its error was thrown to the caller. */
	ERROR,

	/**
	 * The thread was interrupted because the work it serves was cancelled (the client of its request
	 * went away, a {@link Bridge#spawn spawned} Mono was cancelled): see {@link BridgeScope#markCancelled()}.
	 */
	CANCELLED,

	/** The time limit expired; a {@link BridgeTimeoutException} was thrown. */
	TIMEOUT,

	/** The thread was interrupted for any other reason; a {@link BridgeInterruptedException} was thrown. */
	INTERRUPTED;

	private final String tag = name().toLowerCase(java.util.Locale.ROOT);

	/**
	 * Return the outcome's name in lower case, as metrics tag it.
	 * @return the name, such as {@code success}
	 */
	public String tag() {
		return this.tag;
	}

}
