package io.blockingbridge.web;

import java.util.Locale;

/**
 * How a blocking-style request ended, as told to a {@link BlockingStyleRequestListener}. For an
 * answer that is a {@code Stream}, how the streaming of the answer ended: {@code CANCELLED}
 * when the client went away before the end of the stream, {@code ERROR} (or {@code TIMEOUT}) when
 * the stream failed after the answer had begun.
 */
public enum RequestOutcome {

	/** The handling ended with a result (which may be an error page an exception handler wrote). */
	SUCCESS,

	/** The handling failed with an exception that no exception handler method handled. */
	ERROR,

	/** The client went away before the handling ended. */
	CANCELLED,

	/**
	 * The handling failed with a {@link io.blockingbridge.core.BridgeTimeoutException} (an await ran
	 * past {@code bridge.timeout}) that no exception handler method handled; for a streamed answer,
	 * also when its client took nothing for {@code bridge.web.stream-stall-timeout} and was given up.
	 */
	TIMEOUT;

	private final String tag = name().toLowerCase(Locale.ROOT);

	/**
	 * Return the outcome's name in lower case, as metrics tag it.
	 * @return the name, such as {@code success}
	 */
	public String tag() {
		return this.tag;
	}

}
