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
 * The whole food-delivery flow on the running sample (H2 in memory): a customer listens on the
 * WebSocket, places an order, the kitchen accepts it, the order is stored accepted and the customer
 * is notified.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OrderFlowTests {

	@Autowired
	WebTestClient client;

	@Autowired
	BlockingDatabaseClient database;

	@LocalServerPort
	int port;

	@Test
	void placedOrderIsAcceptedStoredAndNotified() {
		try (NotificationListener ada = NotificationListener.connect(this.port, "ada");
				NotificationListener grace = NotificationListener.connect(this.port, "grace")) {
			long id = placeOrder("ada", List.of("margherita", "tiramisu"));

			assertThat(ada.next()).isEqualTo("Order #" + id + " will be delivered in 25 minutes");
			assertThat(grace.received()).isEmpty();

			Logins.as(this.client, "ada").get().uri("/orders/{id}", id).exchange()
				.expectStatus().isOk()
				.expectBody()
				.jsonPath("$.id").isEqualTo(id)
				.jsonPath("$.customer").isEqualTo("ada")
				.jsonPath("$.items").isEqualTo(List.of("margherita", "tiramisu"))
				.jsonPath("$.status").isEqualTo("ACCEPTED")
				.jsonPath("$.deliveryMinutes").isEqualTo(25)
				.jsonPath("$.failure").doesNotExist();

			// The stored row, read straight from the database.
			StoredOrder row = StoredOrder.read(this.database, id);
			assertThat(row).isEqualTo(new StoredOrder("ada", "ACCEPTED", 25, null));
		}
	}

	@Test
	void customersOrdersAreListedNewestFirst() {
		long first = placeOrder("alan", List.of("fish and chips"));
		long second = placeOrder("alan", List.of("apple pie", "custard", "tea"));
		Logins.as(this.client, "alan").get().uri("/orders").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.orders[0].id").isEqualTo(second)
			.jsonPath("$.orders[0].items.length()").isEqualTo(3)
			.jsonPath("$.orders[0].deliveryMinutes").isEqualTo(30)
			.jsonPath("$.orders[1].id").isEqualTo(first)
			.jsonPath("$.orders[1].items").isEqualTo(List.of("fish and chips"))
			.jsonPath("$.page").isEqualTo(0)
			.jsonPath("$.size").isEqualTo(20);
	}

	@Test
	void customersOrdersArePaged() {
		long first = placeOrder("grace", List.of("soup"));
		long second = placeOrder("grace", List.of("bread"));
		long third = placeOrder("grace", List.of("cake"));
		WebTestClient grace = Logins.as(this.client, "grace");
		grace.get().uri("/orders?size=2").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.orders.length()").isEqualTo(2)
			.jsonPath("$.orders[0].id").isEqualTo(third)
			.jsonPath("$.orders[1].id").isEqualTo(second)
			.jsonPath("$.orders[1].items").isEqualTo(List.of("bread"))
			.jsonPath("$.page").isEqualTo(0)
			.jsonPath("$.size").isEqualTo(2)
			.jsonPath("$.hasMore").isEqualTo(true);
		grace.get().uri("/orders?customer=grace&size=2&page=1").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.orders[0].id").isEqualTo(first)
			.jsonPath("$.orders[0].items").isEqualTo(List.of("soup"))
			.jsonPath("$.page").isEqualTo(1);
		grace.get().uri("/orders?size=1&page=1000000").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.orders.length()").isEqualTo(0)
			.jsonPath("$.hasMore").isEqualTo(false);
		for (String outOfRange : List.of("size=0", "size=101", "page=-1", "page=1000001", "size=many")) {
			grace.get().uri("/orders?" + outOfRange).exchange()
				.expectStatus().isBadRequest()
				.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody().jsonPath("$.status").isEqualTo(400);
		}
	}

	@Test
	void theLastPageSaysThereIsNoMore() {
		long only = placeOrder("ada", List.of("tea"));
		WebTestClient ada = Logins.as(this.client, "ada");
		ada.get().uri("/orders?size=100").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.orders[0].id").isEqualTo(only);
		long count = this.database.sql("SELECT COUNT(*) FROM sample_orders WHERE customer = 'ada'")
			.mapValue(Long.class).one().orElseThrow();
		ada.get().uri("/orders?size=100&page=" + ((count - 1) / 100)).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.hasMore").isEqualTo(false);
	}

	@Test
	void knownCustomersAreListed() {
		this.client.get().uri("/customers").exchange()
			.expectStatus().isOk()
			.expectBody()
			// The seeded ones, by name (ConcurrentCustomersTests adds its own to a persistent database).
			.jsonPath("$[?(@.name in ['ada', 'alan', 'grace'])].name").isEqualTo(List.of("ada", "alan", "grace"))
			.jsonPath("$[*].password_hash").doesNotExist()
			.jsonPath("$[*].passwordHash").doesNotExist();
	}

	long placeOrder(String customer, List<String> items) {
		String location = Logins.as(this.client, customer).post().uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("items", items))
			.exchange()
			.expectStatus().isCreated()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.json("{\"mins\": " + (15 + 5 * items.size()) + ", \"courierMinutes\": 10}", true)
			.returnResult()
			.getResponseHeaders()
			.getLocation()
			.toString();
		assertThat(location).matches("/orders/\\d+");
		return Long.parseLong(location.substring("/orders/".length()));
	}

}
