package io.blockingbridge.sample.orders;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An order: one row of {@code sample_orders}. Its items are rows of {@code sample_order_items}.
 *
 * @param id the id, assigned by the database
 * @param customer the name of the customer who placed it
 * @param status where it stands
 * @param deliveryMinutes the minutes until delivery the kitchen promised, once accepted
 * @param failure why it failed, once failed
 * @param createdAt when it was placed
 */
@Table("sample_orders")
public record Order(@Id @Nullable Long id, String customer, OrderStatus status, @Nullable Integer deliveryMinutes,
		@Nullable String failure, OffsetDateTime createdAt) {

	/**
	 * A new pending order, not saved yet.
	 * @param customer the customer's name
	 * @return the order
	 */
	static Order pending(String customer) {
		return new Order(null, customer, OrderStatus.PENDING, null, null, OffsetDateTime.now());
	}

	/**
	 * The id of a saved order.
	 * @return the id
	 * @throws IllegalStateException if the order has not been saved
	 */
	long requiredId() {
		if (this.id == null) {
			throw new IllegalStateException("Order not saved yet");
		}
		return this.id;
	}

}
