package io.blockingbridge.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A kitchen slower than the orders' patience ({@code kitchen.timeout}): the order fails with
 * {@code 502} and is stored failed; and an order whose own client goes away while the kitchen cooks
 * is stored failed too, not left pending.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "kitchen.delay=60s", "kitchen.timeout=2s" })
@AutoConfigureWebTestClient(timeout = "PT20S")
class KitchenTimeoutTests {


	@Autowired
	WebTestClient client;

	@Autowired
	BlockingDatabaseClient database;

	@LocalServerPort
	int port;

	@Test
	void orderFailsWhenTheKitchenDoesNotAnswerInTime() {
		Map<String, Object> problem = OrderRequests.placeRejectedOrder(this.client, "alan", "scones");
		assertThat(problem).containsEntry("orderStatus", "FAILED");
		assertThat((String) problem.get("detail")).contains("the kitchen did not answer within 2000 ms");

		long id = OrderRequests.orderId(problem);
		StoredOrder stored = StoredOrder.read(this.database, id);
		assertThat(stored.status()).isEqualTo("FAILED");
		assertThat(stored.failure()).isEqualTo("the kitchen did not answer within 2000 ms");
		// The kitchen, which may still be cooking, was told to cancel it.
		assertThat(Orders.kitchenState(this.client, id)).isEqualTo("CANCELLED");
	}

	@Test
	void orderFailsWhenItsClientGoesAwayWhileTheKitchenCooks() throws InterruptedException {
		long before = lastOrderId();
		Disposable request = WebClient.create("http://127.0.0.1:" + this.port)
			.post()
			.uri("/orders")
			.header("Authorization", Logins.authorization("grace"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("customer", "grace", "items", List.of("pancakes")))
			.retrieve()
			.toBodilessEntity()
			.subscribe();
		long id = awaitOrderAfter(before);
		// Read on another connection while the kitchen cooks: the order's transaction has committed
		// before the kitchen call, holding no connection during it.
		assertThat(StoredOrder.read(this.database, id).status()).isEqualTo("PENDING");

		request.dispose();

		StoredOrder stored = awaitStatusChange(id);
		assertThat(stored.status()).isEqualTo("FAILED");
		assertThat(stored.failure()).startsWith("the order was abandoned");
		assertThat(Orders.kitchenState(this.client, id)).isEqualTo("CANCELLED");
	}

	private long lastOrderId() {
		return this.database.sql("SELECT COALESCE(MAX(id), 0) FROM sample_orders").mapValue(Long.class).one().orElse(0L);
	}

	private long awaitOrderAfter(long before) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			long last = lastOrderId();
			if (last > before) {
				return last;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("The order was not saved within 10s");
	}

	private StoredOrder awaitStatusChange(long id) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		StoredOrder stored = StoredOrder.read(this.database, id);
		while (stored.status().equals("PENDING") && System.nanoTime() < deadline) {
			Thread.sleep(20);
			stored = StoredOrder.read(this.database, id);
		}
		return stored;
	}

}
