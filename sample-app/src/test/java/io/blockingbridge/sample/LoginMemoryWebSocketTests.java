package io.blockingbridge.sample;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebSocket session whose handshake logs in from the login memory ({@code sample.security.login-memory}),
 * so fast that the whole handshake is answered while Reactor Netty is still reading the upgrade
 * request: the session outlives the server's read and request timeouts (Reactor Netty stops them
 * when it has read the request, which an upgrade that comes first skipped).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.server.read-timeout=1s", "sample.server.request-timeout=2s",
				"sample.security.login-memory=10m", "kitchen.delay=0s" })
@Timeout(60)
class LoginMemoryWebSocketTests {

	@LocalServerPort
	int port;

	@Test
	void aSessionWithARememberedLoginOutlivesTheReadTimeout() throws InterruptedException {
		// The first handshake checks the password (bcrypt) and leaves the login in the memory.
		NotificationListener.connect(this.port, "ada").close();
		try (NotificationListener ada = NotificationListener.connect(this.port, "ada")) {
			// Longer than both timeouts, with nothing sent either way.
			Thread.sleep(3000);
			try (RawHttp connection = RawHttp.connect(this.port)) {
				String json = "{\"customer\": \"ada\", \"items\": [\"tea\"]}";
				connection.send("POST /orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + Logins.authorization("ada")
						+ "\r\nContent-Type: application/json\r\n" + "Content-Length: " + json.length() + "\r\n\r\n" + json);
				assertThat(connection.response().status()).isEqualTo(201);
			}
			assertThat(ada.next()).contains("will be delivered in 20 minutes");
			assertThat(ada.received()).isEqualTo(List.of());
		}
	}

}
