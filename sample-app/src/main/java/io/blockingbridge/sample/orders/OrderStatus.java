package io.blockingbridge.sample.orders;

/**
 * Where an order stands.
 */
public enum OrderStatus {

	/**
	 * Saved, and sent (or about to be sent) to the kitchen, which has not answered yet.
	 */
	PENDING,

	/**
	 * The kitchen accepted it (answered {@code 201} with the minutes until delivery).
	 */
	ACCEPTED,

	/**
	 * The kitchen refused it, answered something unexpected or too late, or could not be reached.
	 */
	FAILED

}
