package io.blockingbridge.web;

import org.springframework.web.method.HandlerMethod;

/**
 * Learns how each blocking-style controller request ends, for metrics. An integration SPI that the
 * auto-configuration fills with a Micrometer implementation when the application has a
 * {@code MeterRegistry}. Called on the request's virtual thread once its handling has ended:
 * implementations must be cheap, thread-safe and must not throw.
 */
@FunctionalInterface
public interface BlockingStyleRequestListener {

	/**
	 * Record how a request ended.
	 * @param handler the controller method that served it
	 * @param outcome how it ended
	 * @param durationNanos how long it took, from its start on the virtual thread to the end of the
	 * handling (writing the response comes after)
	 */
	void requestEnded(HandlerMethod handler, RequestOutcome outcome, long durationNanos);

}
