package io.blockingbridge.sample.kitchen;

import java.util.Map;

/**
 * What the kitchen made of an order.
 */
public sealed interface KitchenAnswer {

	/**
	 * The kitchen accepted the order: it answered {@code 201} with {@code {"mins": N}}.
	 *
	 * @param minutes the minutes until delivery
	 * @param json the kitchen's JSON answer, as it was
	 */
	record Accepted(int minutes, Map<String, Object> json) implements KitchenAnswer {
	}

	/**
	 * The kitchen did not accept the order: it refused it, answered something else, did not answer
	 * in time or could not be reached.
	 *
	 * @param reason what happened, for the order's record and the problem detail
	 */
	record NotAccepted(String reason) implements KitchenAnswer {
	}

}
