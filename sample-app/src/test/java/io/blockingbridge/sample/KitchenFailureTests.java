package io.blockingbridge.sample;

import java.util.List;
import java.util.Map;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A kitchen that refuses every order: each order is answered {@code 502} with a problem detail,
 * stored failed (never accepted), and the customer gets no delivery notification.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "kitchen.failure-rate=1.0")
@AutoConfigureWebTestClient(timeout = "PT30S")
class KitchenFailureTests {


	@Autowired
	WebTestClient client;

	@Autowired
	BlockingDatabaseClient database;

	@LocalServerPort
	int port;

	@Test
	void refusedOrderFailsWithBadGatewayAndIsStoredFailed() {
		try (NotificationListener grace = NotificationListener.connect(this.port, "grace")) {
			Map<String, Object> problem = OrderRequests.placeRejectedOrder(this.client, "grace", "soup");
			assertThat(problem).containsEntry("status", 502)
				.containsEntry("title", "Kitchen did not accept the order")
				.containsEntry("orderStatus", "FAILED");
			assertThat((String) problem.get("detail")).contains("the kitchen answered 503");
			long id = OrderRequests.orderId(problem);

			StoredOrder stored = StoredOrder.read(this.database, id);
			assertThat(stored.status()).isEqualTo("FAILED");
			assertThat(stored.deliveryMinutes()).isNull();
			assertThat(stored.failure()).contains("503");
			Logins.as(this.client, "grace").get().uri("/orders/{id}", id).exchange()
				.expectStatus().isOk()
				.expectBody().jsonPath("$.status").isEqualTo("FAILED");

			assertThat(grace.received()).noneMatch((message) -> message.contains("#" + id));
			assertThat(Orders.kitchenState(this.client, id)).isEqualTo("REFUSED");
		}
	}

	@Test
	void retryOfARefusedOrderWithItsIdempotencyKeyGetsTheSameProblem() {
		long before = Orders.lastId(this.database);
		String first = placeWithKey("refused-" + System.nanoTime());
		String key = "refused-again-" + System.nanoTime();
		String answer = placeWithKey(key);
		assertThat(placeWithKey(key)).isEqualTo(answer).isNotEqualTo(first).contains("\"orderStatus\":\"FAILED\"");
		assertThat(Orders.countAfter(this.database, before)).isEqualTo(2);
	}

	private String placeWithKey(String key) {
		return Logins.as(this.client, "ada").post().uri("/orders")
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("customer", "ada", "items", List.of("soup")))
			.exchange()
			.expectStatus().isEqualTo(502)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
