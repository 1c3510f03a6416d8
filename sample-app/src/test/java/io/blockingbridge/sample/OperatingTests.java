package io.blockingbridge.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
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
import static org.awaitility.Awaitility.await;

/**
 * The sample's actuator endpoints are the administrator's: the live view of blocked requests
 * ({@code /actuator/bridge}) shows an order waiting for a slow kitchen, with the kitchen call it
 * waits for; the bridge's metrics count the requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "kitchen.delay=60s", "kitchen.timeout=30s", "courier.delay=60s", "courier.timeout=30s" })
@AutoConfigureWebTestClient(timeout = "PT30S")
class OperatingTests {

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	@Test
	void actuatorIsTheAdministrators() {
		this.client.get().uri("/actuator/bridge").exchange().expectStatus().isUnauthorized();
		Logins.as(this.client, "ada").get().uri("/actuator/bridge").exchange().expectStatus().isForbidden();
		Logins.as(this.client, "ada").get().uri("/actuator/metrics").exchange().expectStatus().isForbidden();
		Logins.as(this.client, "admin").get().uri("/actuator/bridge").exchange().expectStatus().isOk();
		Logins.as(this.client, "admin").get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

	@Test
	void liveViewShowsAnOrderWaitingForTheKitchenAndTheCourier() {
		Disposable order = WebClient.create("http://127.0.0.1:" + this.port)
			.post()
			.uri("/orders?note=not-shown")
			.header("Authorization", Logins.authorization("grace"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("customer", "grace", "items", List.of("pancakes")))
			.retrieve()
			.toBodilessEntity()
			.subscribe();
		try {
			String view = await().atMost(Duration.ofSeconds(20)).until(this::bridgeView,
					(json) -> !JsonPath.<List<?>>read(json, "$.requests[?(@.path == '/orders' && @.awaiting =~ /.*kitchen.*courier.*/)]")
						.isEmpty());
			System.out.println("GET /actuator/bridge while an order waits for the kitchen:\n" + view);
			Map<String, Object> request = JsonPath.<List<Map<String, Object>>>read(view,
					"$.requests[?(@.path == '/orders')]").get(0);
			assertThat(request).containsEntry("method", "POST").containsEntry("handler", "OrderController#placeOrder");
			assertThat((String) request.get("thread")).matches("bridge-request-\\d+ POST /orders");
			// the order asks the kitchen and a courier at once (Bridge.concurrently): it waits in join()
			// for two forks, and the view says what each fork awaits
			assertThat((String) request.get("awaiting")).matches("2 forks: POST http://[^ ]+/kitchen/orders; "
					+ "POST http://[^ ]+/courier/quotes");
			assertThat((String) request.get("waitingAt")).startsWith("io.blockingbridge.sample.orders.OrderFlow.place(");
			assertThat(view).doesNotContain("not-shown").doesNotContain("pancakes");
		}
		finally {
			order.dispose();
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> JsonPath.<List<?>>read(bridgeView(), "$.requests[?(@.path == '/orders')]").isEmpty());
		Logins.as(this.client, "admin")
			.get()
			.uri((uri) -> uri.path("/actuator/metrics/bridge.requests")
				.queryParam("tag", "method:{method}")
				.build("OrderController#placeOrder"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.availableTags[?(@.tag == 'outcome')].values[*]")
			.value((outcomes) -> assertThat(outcomes.toString()).contains("cancelled"));
	}

	private String bridgeView() {
		return Logins.as(this.client, "admin")
			.get()
			.uri("/actuator/bridge")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
