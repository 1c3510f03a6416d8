package io.blockingbridge.sample.orders;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One item of an order: a row of {@code sample_order_items}.
 *
 * @param id the id, assigned by the database
 * @param orderId the order's id
 * @param itemIndex the item's position in the order, from 0
 * @param name what was ordered
 */
@Table("sample_order_items")
public record OrderItem(@Id @Nullable Long id, long orderId, int itemIndex, String name) {
}
