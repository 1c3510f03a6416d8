package io.blockingbridge.sample;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The kitchen's contract with the order flow: the order id is an idempotency key (same answer,
 * cooked once), {@code DELETE} cancels idempotently, and a cancelled order is never cooked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "kitchen.delay=0s")
@AutoConfigureWebTestClient
class KitchenContractTests {

	@Autowired
	WebTestClient client;

	@BeforeEach
	void logIn() {
		this.client = Logins.as(this.client, "kitchen");
	}

	@Test
	void theSameOrderGetsTheSameAnswer() {
		long id = 9_000_000_001L;
		cook(id, List.of("pie", "tea")).expectStatus().isCreated().expectBody().json("{\"mins\": 25}", true);
		// Asked again, with other items: the first answer stands, nothing is cooked anew.
		cook(id, List.of("pie")).expectStatus().isCreated().expectBody().json("{\"mins\": 25}", true);
		state(id, "COOKING");
	}

	@Test
	void cancellingIsIdempotentAndACancelledOrderIsNotCooked() {
		long id = 9_000_000_002L;
		cook(id, List.of("soup")).expectStatus().isCreated();
		this.client.delete().uri("/kitchen/orders/{id}", id).exchange().expectStatus().isNoContent();
		this.client.delete().uri("/kitchen/orders/{id}", id).exchange().expectStatus().isNoContent();
		state(id, "CANCELLED");
		cook(id, List.of("soup")).expectStatus().isEqualTo(409)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void anOrderCancelledBeforeItArrivesIsNeverCooked() {
		long id = 9_000_000_003L;
		state(id, "UNKNOWN");
		this.client.delete().uri("/kitchen/orders/{id}", id).exchange().expectStatus().isNoContent();
		cook(id, List.of("soup")).expectStatus().isEqualTo(409);
		state(id, "CANCELLED");
	}

	private WebTestClient.ResponseSpec cook(long id, List<String> items) {
		return this.client.post().uri("/kitchen/orders").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("orderId", id, "customer", "ada", "items", items))
			.exchange();
	}

	private void state(long id, String state) {
		this.client.get().uri("/kitchen/orders/{id}", id).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.state").isEqualTo(state);
	}

}
