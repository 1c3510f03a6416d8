package io.blockingbridge.sample;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's connection limits, seen from raw sockets (with limits far shorter than the
 * defaults): connections that send nothing, stop halfway or sit idle are closed; oversized bodies
 * and headers are refused; a WebSocket session outlives the limits.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.netty.idle-timeout=1s", "sample.server.read-timeout=1s",
				"sample.server.request-timeout=3s", "spring.http.codecs.max-in-memory-size=1KB",
				"server.max-http-request-header-size=2KB", "kitchen.delay=0s" })
class ServerLimitsTests {

	/** Far beyond the 1 s limits, far below "never". */
	private static final Duration PATIENCE = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@Test
	void silentConnectionIsClosed() {
		try (RawHttp connection = RawHttp.connect(this.port)) {
			connection.awaitClosedBy(PATIENCE);
		}
	}

	@Test
	void halfSentRequestLineIsClosed() {
		try (RawHttp connection = RawHttp.connect(this.port)) {
			connection.send("GET /custo");
			connection.awaitClosedBy(PATIENCE);
		}
	}

	@Test
	void halfSentHeadersAreClosed() {
		try (RawHttp connection = RawHttp.connect(this.port)) {
			connection.send("GET /customers HTTP/1.1\r\nHost: localhost\r\nAccept: appl");
			connection.awaitClosedBy(PATIENCE);
		}
	}

	@Test
	void halfSentBodyIsClosedWithoutAnInternalError(CapturedOutput output) throws InterruptedException {
		int before = output.length();
		try (RawHttp connection = RawHttp.connect(this.port)) {
			connection.send("POST /orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + Logins.authorization("ada") + "\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 100\r\n\r\n{\"customer\": \"ada\", ");
			String answer = connection.receivedUntilClosed(PATIENCE);
			// The server may close before its answer is out; if one is out, it is 408, not 500.
			if (!answer.isEmpty()) {
				assertThat(answer).startsWith("HTTP/1.1 408 ").contains("application/problem+json");
			}
		}
		// Longer than the read timeout again: nothing fails after the close either.
		Thread.sleep(2500);
		assertThat(output.toString().substring(before)).doesNotContain("Unexpected error").doesNotContain(" ERROR ");
	}

	@Test
	void idleKeepAliveConnectionIsClosedAfterServingARequest() {
		try (RawHttp connection = RawHttp.connect(this.port)) {
			connection.send("GET /customers HTTP/1.1\r\nHost: localhost\r\n\r\n");
			assertThat(connection.response().status()).isEqualTo(200);
			// Still open for the next request right away:
			connection.send("GET /customers HTTP/1.1\r\nHost: localhost\r\n\r\n");
			assertThat(connection.response().status()).isEqualTo(200);
			connection.awaitClosedBy(PATIENCE);
		}
	}

	@Test
	void oversizedBodyIsRefusedWithAProblemDetail() {
		String items = "\"" + "x".repeat(90) + "\", ";
		String json = "{\"customer\": \"ada\", \"items\": [" + items.repeat(19) + "\"pie\"]}";
		assertThat(json.length()).isGreaterThan(1024);
		try (RawHttp connection = RawHttp.connect(this.port)) {
			connection.send("POST /orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + Logins.authorization("ada") + "\r\nContent-Type: application/json\r\n"
					+ "Content-Length: " + json.length() + "\r\n\r\n" + json);
			RawHttp.Response response = connection.response();
			assertThat(response.status()).isEqualTo(413);
			assertThat(response.header("Content-Type")).startsWith("application/problem+json");
			assertThat(response.body()).contains("\"status\":413");
		}
	}

	@Test
	void oversizedHeadersAreRefused() {
		try (RawHttp connection = RawHttp.connect(this.port)) {
			connection.send("GET /customers HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "p".repeat(4096) + "\r\n\r\n");
			RawHttp.Response response = connection.response();
			assertThat(response.status()).isEqualTo(431);
		}
		// and the server keeps serving
		try (RawHttp connection = RawHttp.connect(this.port)) {
			connection.send("GET /customers HTTP/1.1\r\nHost: localhost\r\n\r\n");
			assertThat(connection.response().status()).isEqualTo(200);
		}
	}

	@Test
	void webSocketSessionOutlivesTheLimits() throws InterruptedException {
		try (NotificationListener ada = NotificationListener.connect(this.port, "ada")) {
			Thread.sleep(3000);
			try (RawHttp connection = RawHttp.connect(this.port)) {
				String json = "{\"customer\": \"ada\", \"items\": [\"tea\"]}";
				connection.send("POST /orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + Logins.authorization("ada") + "\r\nContent-Type: application/json\r\n"
						+ "Content-Length: " + json.length() + "\r\n\r\n" + json);
				assertThat(connection.response().status()).isEqualTo(201);
			}
			assertThat(ada.next()).contains("will be delivered in 20 minutes");
			assertThat(ada.received()).isEqualTo(List.of());
		}
	}

}
