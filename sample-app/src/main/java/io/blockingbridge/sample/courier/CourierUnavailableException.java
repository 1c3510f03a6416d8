package io.blockingbridge.sample.courier;

/**
 * No courier can take an order: the courier service said so, answered something else, did not
 * answer in time or could not be reached.
 */
public class CourierUnavailableException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param reason what happened, for the order's record and the problem detail
	 */
	public CourierUnavailableException(String reason) {
		super(reason);
	}

}
