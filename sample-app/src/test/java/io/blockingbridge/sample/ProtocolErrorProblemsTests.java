package io.blockingbridge.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that Reactor Netty's HTTP codec refuses before Spring sees them are answered with a
 * problem detail, seen from raw sockets; Spring's own responses and WebSocket handshakes are left
 * alone.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.max-http-request-header-size=2KB", "server.netty.max-initial-line-length=1KB",
				"kitchen.delay=0s" })
class ProtocolErrorProblemsTests {

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void unparsableContentLengthIsAProblemDetail() {
		assertBadRequest("POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: abc\r\n\r\n{}");
	}

	@Test
	void negativeContentLengthIsAProblemDetail() {
		assertBadRequest("POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: -1\r\n\r\n{}");
	}

	@Test
	void nulInAHeaderValueIsAProblemDetail() {
		assertBadRequest("POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json; charset=x\0\r\n"
				+ "Content-Length: 2\r\n\r\n{}");
	}

	@Test
	void badChunkSizeGetsOneAnswerAndNoErrorLog(CapturedOutput output) throws InterruptedException {
		String badChunk = "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n";
		for (String credentials : new String[] { "", "Authorization: " + Logins.authorization("ada") + "\r\n" }) {
			try (RawHttp connection = RawHttp.connect(this.port)) {
				connection.send("POST /orders HTTP/1.1\r\nHost: localhost\r\n" + credentials + badChunk);
				String received = connection.receivedUntilClosed(PATIENCE);
				assertThat(received.split("HTTP/1.1 ", -1)).as(received).hasSize(2);
				assertThat(received).matches("(?s)HTTP/1.1 (400|401) .*application/problem\\+json.*");
			}
		}
		// The logged-in request goes on after the answer (the password check, the body read): give
		// it time to fail as it would.
		Thread.sleep(2000);
		assertThat(output).doesNotContain(" ERROR ").doesNotContain("already sent");
	}

	@Test
	void oversizedHeadersAreAProblemDetailNamingTheLimit() {
		try (RawHttp connection = RawHttp.connect(this.port)) {
			connection.send("GET /customers HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "p".repeat(4096) + "\r\n\r\n");
			JsonNode problem = assertProblem(connection.response(), 431);
			assertThat(problem.get("title").asString()).isEqualTo("Request Header Fields Too Large");
			assertThat(problem.get("detail").asString()).contains("exceed 2KB");
			connection.awaitClosedBy(PATIENCE);
		}
		// and the server keeps serving
		try (RawHttp connection = RawHttp.connect(this.port)) {
			connection.send("GET /customers HTTP/1.1\r\nHost: localhost\r\n\r\n");
			assertThat(connection.response().status()).isEqualTo(200);
		}
	}

	@Test
	void overlongUriIsAProblemDetailNamingTheLimit() {
		try (RawHttp connection = RawHttp.connect(this.port)) {
			connection.send("GET /customers?q=" + "q".repeat(2048) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
			JsonNode problem = assertProblem(connection.response(), 414);
			assertThat(problem.get("title").asString()).isEqualTo("URI Too Long");
			assertThat(problem.get("detail").asString()).contains("exceeds 1KB");
			connection.awaitClosedBy(PATIENCE);
		}
	}

	@Test
	void springsOwnProblemDetailIsUnchanged() {
		try (RawHttp connection = RawHttp.connect(this.port)) {
			connection.send("GET /no-such-page HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
					+ Logins.authorization("ada") + "\r\n\r\n");
			RawHttp.Response response = connection.response();
			JsonNode problem = assertProblem(response, 404);
			assertThat(problem.get("instance").asString()).isEqualTo("/no-such-page");
			assertThat(response.header("Connection")).isNull();
			// The connection stays open for the next request
			connection.send("GET /customers HTTP/1.1\r\nHost: localhost\r\n\r\n");
			assertThat(connection.response().status()).isEqualTo(200);
		}
	}

	@Test
	void springsResponseBeforeAPipelinedBadRequestIsUnchanged() {
		try (RawHttp connection = RawHttp.connect(this.port)) {
			// One write: the codec fails on the second request before Spring answers the first
			connection.send("GET /no-such-page HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
					+ Logins.authorization("ada") + "\r\n\r\n"
					+ "POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n");
			JsonNode notFound = assertProblem(connection.response(), 404);
			assertThat(notFound.get("instance").asString()).isEqualTo("/no-such-page");
			JsonNode badRequest = assertProblem(connection.response(), 400);
			assertThat(badRequest.get("detail").asString()).contains("could not be parsed as HTTP");
			connection.awaitClosedBy(PATIENCE);
		}
	}

	@Test
	void webSocketHandshakeStillWorks() {
		try (NotificationListener ada = NotificationListener.connect(this.port, "ada")) {
			try (RawHttp connection = RawHttp.connect(this.port)) {
				String order = "{\"customer\": \"ada\", \"items\": [\"tea\"]}";
				connection.send("POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Authorization: " + Logins.authorization("ada") + "\r\nContent-Length: " + order.length() + "\r\n\r\n" + order);
				assertThat(connection.response().status()).isEqualTo(201);
			}
			assertThat(ada.next()).contains("will be delivered in 20 minutes");
		}
	}

	private void assertBadRequest(String request) {
		try (RawHttp connection = RawHttp.connect(this.port)) {
			connection.send(request);
			JsonNode problem = assertProblem(connection.response(), 400);
			assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
			assertThat(problem.get("detail").asString()).contains("could not be parsed as HTTP");
			connection.awaitClosedBy(PATIENCE);
		}
	}

	private JsonNode assertProblem(RawHttp.Response response, int status) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.header("Content-Length"))
			.isEqualTo(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length));
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		return problem;
	}

}
