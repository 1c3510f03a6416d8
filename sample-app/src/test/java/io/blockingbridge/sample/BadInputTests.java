package io.blockingbridge.sample;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * Bad requests get a 4xx with a problem detail, never a 500, and the sample keeps serving.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class BadInputTests {

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	@BeforeEach
	void logIn() {
		this.client = Logins.as(this.client, "ada");
	}

	@AfterEach
	void stillServes() {
		this.client.get().uri("/customers").exchange().expectStatus().isOk();
	}

	@Test
	void invalidJson() {
		postOrder("{\"customer\": \"ada\", \"items\": [").expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.status").isEqualTo(400);
	}

	@Test
	void jsonOfTheWrongShape() {
		problem(postOrder("{\"customer\": \"ada\", \"items\": \"pizza\"}"), HttpStatus.BAD_REQUEST);
		problem(postOrder("[1, 2]"), HttpStatus.BAD_REQUEST);
	}

	@Test
	void noBody() {
		problem(this.client.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).exchange(),
				HttpStatus.BAD_REQUEST);
	}

	@Test
	void missingOrEmptyFields() {
		problem(postOrder("{\"customer\": \"\", \"items\": [\"pizza\"]}"), HttpStatus.BAD_REQUEST)
			.jsonPath("$.errors[0].field").isEqualTo("customer");
		problem(postOrder("{\"customer\": \"ada\"}"), HttpStatus.BAD_REQUEST);
		problem(postOrder("{\"customer\": \"ada\", \"items\": []}"), HttpStatus.BAD_REQUEST)
			.jsonPath("$.errors[0].field").isEqualTo("items");
		problem(postOrder("{\"customer\": \"ada\", \"items\": [\" \"]}"), HttpStatus.BAD_REQUEST)
			.jsonPath("$.errors[0].field").isEqualTo("items[0]");
	}

	@Test
	void orderForAnotherCustomer() {
		problem(postOrder("{\"customer\": \"grace\", \"items\": [\"pizza\"]}"), HttpStatus.FORBIDDEN)
			.jsonPath("$.title").isEqualTo("Other customer")
			.jsonPath("$.customer").isEqualTo("grace");
		problem(postOrder("{\"customer\": \"nobody\", \"items\": [\"pizza\"]}"), HttpStatus.FORBIDDEN);
	}

	@Test
	void unknownOrder() {
		problem(this.client.get().uri("/orders/{id}", Long.MAX_VALUE).exchange(), HttpStatus.NOT_FOUND)
			.jsonPath("$.title").isEqualTo("Order not found");
		// Order ids are digits: anything else is no order route at all (and /orders/export never
		// falls through to it).
		problem(this.client.get().uri("/orders/pizza").exchange(), HttpStatus.NOT_FOUND);
	}

	@Test
	void ordersOfAnotherCustomer() {
		problem(this.client.get().uri("/orders?customer=grace").exchange(), HttpStatus.FORBIDDEN)
			.jsonPath("$.customer").isEqualTo("grace");
		this.client.get().uri("/orders?customer=ada").exchange().expectStatus().isOk();
	}

	@Test
	void webSocketHandshakeForAnotherCustomer() {
		ReactorNettyWebSocketClient webSocket = new ReactorNettyWebSocketClient();
		URI uri = URI.create("ws://127.0.0.1:" + this.port + "/ws/notifications?customer=grace");
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.AUTHORIZATION, Logins.authorization("ada"));
		assertThatExceptionOfType(WebSocketClientHandshakeException.class)
			.isThrownBy(() -> webSocket.execute(uri, headers, (session) -> Mono.never()).block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.response().status().code()).isEqualTo(403));

		problem(handshake("/ws/notifications?customer=grace"), HttpStatus.FORBIDDEN)
			.jsonPath("$.title").isEqualTo("Other customer");
	}

	@Test
	void notificationsWithoutAWebSocketUpgrade() {
		problem(this.client.get().uri("/ws/notifications?customer=ada").exchange(), HttpStatus.BAD_REQUEST);
	}

	@Test
	void knownCustomersStillConnectAfterRefusedHandshakes() {
		webSocketHandshakeForAnotherCustomer();
		try (NotificationListener ada = NotificationListener.connect(this.port, "ada")) {
			assertThat(ada.received()).isEqualTo(List.of());
		}
	}

	private WebTestClient.ResponseSpec handshake(String uri) {
		return this.client.get().uri(uri)
			.header("Connection", "Upgrade")
			.header("Upgrade", "websocket")
			.header("Sec-WebSocket-Version", "13")
			.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
			.exchange();
	}

	private WebTestClient.ResponseSpec postOrder(String json) {
		return this.client.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	private static WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, HttpStatus status) {
		return response.expectStatus().isEqualTo(status)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.status").isEqualTo(status.value());
	}

}
