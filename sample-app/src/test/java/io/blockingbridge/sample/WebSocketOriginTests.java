package io.blockingbridge.sample;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification WebSocket's handshake from browsers: allowed from the application's own page
 * and from the origins of {@code sample.security.allowed-origins}, refused ({@code 403}, problem
 * detail) from any other site's page; clients that send no {@code Origin} are not browsers and
 * connect as before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "sample.security.allowed-origins=https://food.example.com,https://*.partner.example")
class WebSocketOriginTests {

	@LocalServerPort
	int port;

	@Test
	void anotherSitesPageIsRefused() {
		RawHttp.Response refused = handshake("Origin: https://evil.example\r\n");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(refused.body()).contains("\"title\":\"Origin not allowed\"")
			.contains("sample.security.allowed-origins");
		assertThat(handshake("Origin: null\r\n").status()).isEqualTo(403);
		assertThat(handshake("Origin: http://localhost:1\r\n").status()).isEqualTo(403);
	}

	@Test
	void theApplicationsOwnPageIsAllowed() {
		assertThat(handshake("Origin: http://localhost:" + this.port + "\r\n").status()).isEqualTo(101);
	}

	@Test
	void configuredOriginsAreAllowed() {
		assertThat(handshake("Origin: https://food.example.com\r\n").status()).isEqualTo(101);
		assertThat(handshake("Origin: https://shop.partner.example\r\n").status()).isEqualTo(101);
	}

	@Test
	void clientsWithoutOriginAreAllowed() {
		assertThat(handshake("").status()).isEqualTo(101);
	}

	private RawHttp.Response handshake(String originHeader) {
		try (RawHttp connection = RawHttp.connect(this.port)) {
			return connection.send("GET /ws/notifications HTTP/1.1\r\nHost: localhost:" + this.port
					+ "\r\nAuthorization: " + Logins.authorization("ada") + "\r\n" + originHeader
					+ "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
				.response();
		}
	}

}
