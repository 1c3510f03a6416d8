package io.blockingbridge.sample;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Orders as the tests see them: rows of {@code sample_orders} read and written with SQL, and what
 * the kitchen says about them.
 */
final class Orders {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private Orders() {
	}

	static long lastId(BlockingDatabaseClient database) {
		return database.sql("SELECT COALESCE(MAX(id), 0) FROM sample_orders").mapValue(Long.class).one().orElse(0L);
	}

	static long countAfter(BlockingDatabaseClient database, long id) {
		return database.sql("SELECT COUNT(*) FROM sample_orders WHERE id > :id")
			.bind("id", id)
			.mapValue(Long.class)
			.one()
			.orElseThrow();
	}

	/** Inserts a PENDING order as a request that died would have left it. */
	static long insertPending(BlockingDatabaseClient database, String customer, Duration age) {
		database.sql("INSERT INTO sample_orders (customer, status, created_at) VALUES (:customer, 'PENDING', :createdAt)")
			.bind("customer", customer)
			.bind("createdAt", OffsetDateTime.now().minus(age))
			.fetch()
			.rowsUpdated();
		return lastId(database);
	}

	/** Waits until an order is no longer PENDING (at most 20 s) and returns its row. */
	static StoredOrder awaitResolved(BlockingDatabaseClient database, long id) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		StoredOrder stored = StoredOrder.read(database, id);
		while (stored.status().equals("PENDING") && System.nanoTime() < deadline) {
			Thread.sleep(50);
			stored = StoredOrder.read(database, id);
		}
		return stored;
	}

	/** Where the kitchen says an order stands: UNKNOWN, COOKING, REFUSED or CANCELLED. */
	static String kitchenState(WebTestClient client, long id) {
		Map<String, Object> state = Logins.as(client, "kitchen").get().uri("/kitchen/orders/{id}", id).exchange()
			.expectStatus().isOk()
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody();
		return String.valueOf(state.get("state"));
	}

}
