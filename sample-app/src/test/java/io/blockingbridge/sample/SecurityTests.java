package io.blockingbridge.sample;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Who may do what on the running sample: requests without valid credentials are answered
 * {@code 401} (HTTP Basic challenge, problem detail), a customer only sees their own orders, the
 * kitchen's routes need the kitchen's credential, and the administrator's route is guarded by
 * {@code @PreAuthorize} on a blocking method.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S")
class SecurityTests {

	@Autowired
	WebTestClient client;

	@Autowired
	BlockingDatabaseClient database;

	@LocalServerPort
	int port;

	@Test
	void requestsWithoutCredentialsAreUnauthorized() {
		unauthorized(this.client.post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("items", List.of("pie"))).exchange());
		unauthorized(this.client.get().uri("/orders").exchange());
		unauthorized(this.client.get().uri("/orders/1").exchange());
		unauthorized(this.client.get().uri("/admin/orders/pending").exchange());
		unauthorized(this.client.get().uri("/kitchen/orders/1").exchange());
	}

	@Test
	void webSocketHandshakeWithoutCredentialsIsUnauthorized() {
		URI uri = URI.create("ws://127.0.0.1:" + this.port + "/ws/notifications");
		assertThatExceptionOfType(WebSocketClientHandshakeException.class)
			.isThrownBy(() -> new ReactorNettyWebSocketClient().execute(uri, (session) -> Mono.never())
				.block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.response().status().code()).isEqualTo(401));
	}

	@Test
	void wrongPasswordOrUnknownUserIsUnauthorized() {
		long before = Orders.lastId(this.database);
		unauthorized(this.client.post().uri("/orders")
			.headers((headers) -> headers.setBasicAuth("ada", "grace-password"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("items", List.of("pie")))
			.exchange());
		unauthorized(this.client.get().uri("/orders")
			.headers((headers) -> headers.setBasicAuth("nobody", "nobody-password"))
			.exchange());
		assertThat(Orders.countAfter(this.database, before)).isZero();
	}

	@Test
	void customersOnlySeeTheirOwnOrders() {
		long adas = placeOrder("ada", "pie");
		Logins.as(this.client, "grace").get().uri("/orders/{id}", adas).exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title").isEqualTo("Order not found")
			.jsonPath("$.customer").doesNotExist();
		Logins.as(this.client, "grace").get().uri("/orders?size=100").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.orders[?(@.id == " + adas + ")]").doesNotExist()
			.jsonPath("$.orders[?(@.customer != 'grace')]").doesNotExist();
		Logins.as(this.client, "ada").get().uri("/orders/{id}", adas).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.customer").isEqualTo("ada");
	}

	@Test
	void theAdminRouteRefusesCustomersWithAProblemDetail() {
		Logins.as(this.client, "ada").get().uri("/admin/orders/pending").exchange()
			.expectStatus().isForbidden()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(403)
			.jsonPath("$.title").isEqualTo("Forbidden")
			.jsonPath("$.instance").isEqualTo("/admin/orders/pending");
	}

	@Test
	void theAdminRouteListsPendingOrdersForTheAdmin() {
		long pending = Orders.insertPending(this.database, "grace", Duration.ZERO);
		Logins.as(this.client, "admin").get().uri("/admin/orders/pending").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$[0].id").isEqualTo(pending)
			.jsonPath("$[0].customer").isEqualTo("grace")
			.jsonPath("$[0].status").isEqualTo("PENDING")
			.jsonPath("$[?(@.status != 'PENDING')]").doesNotExist();
	}

	@Test
	void theAdminIsNoCustomer() {
		Logins.as(this.client, "admin").post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("items", List.of("pie")))
			.exchange()
			.expectStatus().isForbidden()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void kitchenRoutesNeedTheKitchensCredential() {
		long id = placeOrder("alan", "tea");
		Logins.as(this.client, "alan").get().uri("/kitchen/orders/{id}", id).exchange()
			.expectStatus().isForbidden()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		Logins.as(this.client, "alan").delete().uri("/kitchen/orders/{id}", id).exchange()
			.expectStatus().isForbidden();
		this.client.get().uri("/kitchen/orders/{id}", id)
			.headers((headers) -> headers.setBasicAuth("kitchen", "wrong"))
			.exchange()
			.expectStatus().isUnauthorized();
		// The order flow sent it with the kitchen's credential: the kitchen cooks it for alan.
		Logins.as(this.client, "kitchen").get().uri("/kitchen/orders/{id}", id).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.state").isEqualTo("COOKING")
			.jsonPath("$.customer").isEqualTo("alan");
	}

	@Test
	void knownCustomersAreListedWithoutLoggingIn() {
		this.client.get().uri("/customers").exchange().expectStatus().isOk();
	}

	private long placeOrder(String customer, String item) {
		String location = Logins.as(this.client, customer).post().uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("items", List.of(item)))
			.exchange()
			.expectStatus().isCreated()
			.returnResult(String.class)
			.getResponseHeaders()
			.getLocation()
			.toString();
		return Long.parseLong(location.substring("/orders/".length()));
	}

	private static void unauthorized(WebTestClient.ResponseSpec response) {
		response.expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED)
			.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"food-delivery\"")
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(401)
			.jsonPath("$.title").isEqualTo("Authentication required");
	}

}
