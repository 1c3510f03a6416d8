package io.blockingbridge.web;

/**
 * Learns how each blocking-style request ends, for metrics. An integration SPI that the
 * auto-configuration fills with a Micrometer implementation when the application has a
 * {@code MeterRegistry}. Called on the request's virtual thread once its handling has ended:
 * implementations must be cheap, thread-safe and must not throw.
 */
@FunctionalInterface
public interface BlockingStyleRequestListener {

	/**
	 * Record how a request ended.
	 * @param handler what served it, as the live view names it: the controller method of a
	 * {@link BlockingStyle @BlockingStyle} request, such as {@code OrderController#place}, or the
	 * route of a {@link BlockingHandlers} function, such as {@code GET /orders/{id}} (see
	 * {@link BlockingHandlers})
	 * @param outcome how it ended
	 * @param durationNanos how long it took, from its start on the virtual thread to the end of the
	 * handling (writing the response comes after; a streamed answer ends when its stream does)
	 */
	void requestEnded(String handler, RequestOutcome outcome, long durationNanos);

}
