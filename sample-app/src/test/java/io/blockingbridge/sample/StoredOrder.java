package io.blockingbridge.sample;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import org.jspecify.annotations.Nullable;

/**
 * An order's row in {@code sample_orders}, read with SQL rather than through the application.
 */
record StoredOrder(String customer, String status, @Nullable Integer deliveryMinutes, @Nullable String failure) {

	static StoredOrder read(BlockingDatabaseClient database, long id) {
		return database.sql("SELECT customer, status, delivery_minutes, failure FROM sample_orders WHERE id = :id")
			.bind("id", id)
			.map((row, metadata) -> new StoredOrder(row.get("customer", String.class), row.get("status", String.class),
					row.get("delivery_minutes", Integer.class), row.get("failure", String.class)))
			.one()
			.orElseThrow(() -> new AssertionError("No row for order #" + id));
	}

}
