package io.blockingbridge.sample.customers;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A known customer: one row of {@code sample_customers}, seeded at start by {@code data.sql}. Only
 * known customers can place orders, list them and receive notifications.
 *
 * @param name the customer's name, used in orders and on the WebSocket
 * @param fullName the customer's full name
 */
@Table("sample_customers")
public record Customer(@Id String name, String fullName) {
}
