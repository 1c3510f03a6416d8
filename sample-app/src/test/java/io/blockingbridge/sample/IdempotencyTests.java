package io.blockingbridge.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /orders} with an {@code Idempotency-Key}: a retry gets the first answer and no second
 * order; a retry while the first request runs gets {@code 409}; the key with another body
 * {@code 422}; an invalid key {@code 400}. The kitchen takes 2 s, so that requests overlap.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "kitchen.delay=2s")
@AutoConfigureWebTestClient(timeout = "PT30S")
class IdempotencyTests {

	@Autowired
	WebTestClient client;

	@Autowired
	BlockingDatabaseClient database;

	@LocalServerPort
	int port;

	@Test
	void retryGetsTheFirstAnswerAndPlacesNoSecondOrder() {
		String key = UUID.randomUUID().toString();
		long before = lastOrderId();
		EntityExchangeResult<String> first = post(key, "ada", "margherita").expectStatus().isCreated()
			.expectBody(String.class).returnResult();
		EntityExchangeResult<String> retry = post(key, "ada", "margherita").expectStatus().isCreated()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody(String.class).returnResult();

		assertThat(retry.getResponseBody()).isEqualTo(first.getResponseBody()).isEqualTo("{\"mins\":20,\"courierMinutes\":10}");
		assertThat(retry.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
		assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertThat(ordersAfter(before)).isEqualTo(1);
		assertThat(lastOrderId()).isEqualTo(idFrom(first));
		assertThat(StoredOrder.read(this.database, idFrom(first)).status()).isEqualTo("ACCEPTED");
	}

	@Test
	void theSameKeyOfAnotherCustomerIsAnotherOrder() {
		String key = UUID.randomUUID().toString();
		long before = lastOrderId();
		post(key, "ada", "soup").expectStatus().isCreated();
		post(key, "grace", "soup").expectStatus().isCreated();
		assertThat(ordersAfter(before)).isEqualTo(2);
	}

	@Test
	void retryWhileTheFirstRequestRunsIsAConflict() throws Exception {
		String key = UUID.randomUUID().toString();
		long before = lastOrderId();
		CompletableFuture<ResponseEntity<String>> first = WebClient.create("http://127.0.0.1:" + this.port)
			.post()
			.uri("/orders")
			.header("Idempotency-Key", key)
			.header("Authorization", Logins.authorization("alan"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(order("alan", "scones"))
			.retrieve()
			.toEntity(String.class)
			.toFuture();
		awaitClaimed(key);

		post(key, "alan", "scones").expectStatus().isEqualTo(HttpStatus.CONFLICT)
			.expectHeader().valueEquals("Retry-After", "1")
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.title").isEqualTo("Request in progress");

		ResponseEntity<String> answer = first.get(30, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(answer.getStatusCode().value()).isEqualTo(201);
		post(key, "alan", "scones").expectStatus().isCreated()
			.expectHeader().location(answer.getHeaders().getLocation().toString());
		assertThat(ordersAfter(before)).isEqualTo(1);
	}

	@Test
	void theSameKeyWithAnotherBodyIsRefused() {
		String key = UUID.randomUUID().toString();
		long before = lastOrderId();
		post(key, "ada", "pie").expectStatus().isCreated();
		post(key, "ada", "cake").expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.title").isEqualTo("Idempotency-Key reused");
		assertThat(ordersAfter(before)).isEqualTo(1);
	}

	@Test
	void aRequestRefusedBeforeTheOrderWasPlacedDoesNotTakeTheKey() {
		String key = UUID.randomUUID().toString();
		Logins.as(this.client, "ada").post().uri("/orders")
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(order("grace", "pie"))
			.exchange()
			.expectStatus().isForbidden();
		post(key, "ada", "pie").expectStatus().isCreated();
	}

	@Test
	void invalidKeysAreRefused() {
		long before = lastOrderId();
		for (String key : List.of("k".repeat(101), "with space", "clé")) {
			Logins.as(this.client, "ada").post().uri("/orders")
				.header("Idempotency-Key", key)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(order("ada", "pie"))
				.exchange()
				.expectStatus().isBadRequest()
				.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody().jsonPath("$.title").isEqualTo("Invalid Idempotency-Key");
		}
		// A new key of exactly 100 characters (new at every run: the PostgreSQL database persists).
		post((UUID.randomUUID() + "k".repeat(100)).substring(0, 100), "ada", "pie").expectStatus().isCreated()
			.expectHeader().doesNotExist("Idempotent-Replayed");
		assertThat(ordersAfter(before)).isEqualTo(1);
	}

	private WebTestClient.ResponseSpec post(String key, String customer, String item) {
		return Logins.as(this.client, customer).post().uri("/orders")
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(order(customer, item))
			.exchange();
	}

	private static Map<String, Object> order(String customer, String item) {
		return Map.of("customer", customer, "items", List.of(item));
	}

	private static long idFrom(EntityExchangeResult<?> result) {
		String location = result.getResponseHeaders().getLocation().toString();
		return Long.parseLong(location.substring("/orders/".length()));
	}

	private long lastOrderId() {
		return this.database.sql("SELECT COALESCE(MAX(id), 0) FROM sample_orders").mapValue(Long.class).one().orElse(0L);
	}

	private long ordersAfter(long id) {
		return this.database.sql("SELECT COUNT(*) FROM sample_orders WHERE id > :id")
			.bind("id", id)
			.mapValue(Long.class)
			.one()
			.orElseThrow();
	}

	private void awaitClaimed(String key) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			long claims = this.database.sql("SELECT COUNT(*) FROM sample_idempotency_keys WHERE idem_key = :key")
				.bind("key", key)
				.mapValue(Long.class)
				.one()
				.orElseThrow();
			if (claims > 0) {
				return;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("The key was not claimed within 10 s");
	}

}
