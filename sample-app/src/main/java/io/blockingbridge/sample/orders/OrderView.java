package io.blockingbridge.sample.orders;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * An order with its items, as {@code GET /orders} shows it.
 *
 * @param id the id
 * @param customer the customer's name
 * @param items what was ordered
 * @param status where the order stands
 * @param deliveryMinutes the minutes until delivery the kitchen promised, once accepted
 * @param failure why the order failed, once failed
 * @param createdAt when the order was placed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(long id, String customer, List<String> items, OrderStatus status,
		@Nullable Integer deliveryMinutes, @Nullable String failure, OffsetDateTime createdAt) {

	static OrderView of(Order order, List<String> items) {
		return new OrderView(order.requiredId(), order.customer(), items, order.status(), order.deliveryMinutes(),
				order.failure(), order.createdAt());
	}

}
