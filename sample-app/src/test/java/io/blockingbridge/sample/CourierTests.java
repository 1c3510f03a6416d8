package io.blockingbridge.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order asks the kitchen and the courier service at the same time ({@code Bridge.concurrently()}),
 * and a courier that cannot take the order fails it cleanly. No timing bounds: concurrency is shown
 * by a rendezvous, cancellation by a kitchen that would answer long after the test gave up.
 */
class CourierTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	/**
	 * A kitchen and a courier service (real HTTP servers of the test's) that answer an order only once
	 * both have been asked for it: asked one after the other, the first would wait in vain and answer
	 * {@code 503} after 60 s, after the test's client gave up.
	 */
	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "kitchen.timeout=90s", "courier.timeout=90s", "orders.recovery.pending-age=10m" })
	@AutoConfigureWebTestClient(timeout = "50s")
	class Rendezvous {

		private static final AtomicInteger asked = new AtomicInteger();

		private static final Sinks.Empty<Void> bothAsked = Sinks.empty();

		private static final DisposableServer services = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes
				.post("/kitchen/orders", (request, response) -> request.receive().then(meet())
					.then(response.status(201).header("Content-Type", "application/json").sendString(Mono.just("{\"mins\": 25}")).then())
					.onErrorResume((ex) -> response.status(503).send()))
				.post("/courier/quotes", (request, response) -> request.receive().then(meet())
					.then(response.status(200).header("Content-Type", "application/json").sendString(Mono.just("{\"mins\": 12}")).then())
					.onErrorResume((ex) -> response.status(503).send())))
			.bindNow(Duration.ofSeconds(10));

		private static Mono<Void> meet() {
			return Mono.defer(() -> {
				if (asked.incrementAndGet() == 2) {
					bothAsked.tryEmitEmpty();
				}
				return bothAsked.asMono().timeout(Duration.ofSeconds(60));
			});
		}

		@DynamicPropertySource
		static void urls(DynamicPropertyRegistry properties) {
			properties.add("kitchen.url", () -> "http://127.0.0.1:" + services.port());
			properties.add("courier.url", () -> "http://127.0.0.1:" + services.port());
		}

		@AfterAll
		static void stop() {
			services.disposeNow();
		}

		@Autowired
		WebTestClient client;

		@Test
		void kitchenAndCourierAreAskedAtTheSameTimeAndBothAnswersAreReported() {
			Map<String, Object> answer = Logins.as(this.client, "ada").post().uri("/orders")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("items", List.of("margherita", "tiramisu")))
				.exchange()
				.expectStatus().isCreated()
				.expectBody(JSON_OBJECT)
				.returnResult()
				.getResponseBody();
			assertThat(answer).containsEntry("mins", 25).containsEntry("courierMinutes", 12);
			assertThat(asked).hasValue(2);
		}

	}

	/**
	 * No courier is ever free and the courier service says so at once; the kitchen would take 120 s
	 * (and the order would wait for it, kitchen.timeout), far longer than the test's client waits.
	 */
	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "kitchen.delay=120s", "kitchen.timeout=180s", "orders.recovery.pending-age=10m", "courier.delay=0s",
					"courier.failure-rate=1.0" })
	@AutoConfigureWebTestClient(timeout = "60s")
	class NoCourier {

		@Autowired
		WebTestClient client;

		@Autowired
		BlockingDatabaseClient database;

		@Test
		void orderFailsWithBadGatewayIsStoredFailedAndIsNotCookedWithoutWaitingForTheKitchen() {
			Map<String, Object> problem = OrderRequests.placeRejectedOrder(this.client, "grace", "soup");
			assertThat(problem).containsEntry("status", 502)
				.containsEntry("title", "No courier for the order")
				.containsEntry("orderStatus", "FAILED");
			assertThat((String) problem.get("detail")).contains("no courier: the courier service answered 503");
			long id = OrderRequests.orderId(problem);

			StoredOrder stored = StoredOrder.read(this.database, id);
			assertThat(stored.status()).isEqualTo("FAILED");
			assertThat(stored.deliveryMinutes()).isNull();
			assertThat(stored.failure()).contains("no courier");
			// the kitchen's call was cancelled when the courier failed, and the order cancelled there
			assertThat(Orders.kitchenState(this.client, id)).isEqualTo("CANCELLED");
		}

	}

}
