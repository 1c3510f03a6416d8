package io.blockingbridge.sample;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headers and parameters that are refused in the filter chain, or by Spring Security's firewall
 * when the application first reads them, are answered {@code 400} with a problem detail, not
 * {@code 500}: cases the reliability suite's fuzz phase found once the sample was secured.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "kitchen.delay=0s")
class RejectedHeaderProblemsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void malformedContentTypeIsABadRequest() {
		assertRejected(post("Content-Type: ;;;\r\n", "{\"items\": [\"tea\"]}"));
	}

	@Test
	void malformedAcceptIsABadRequest() {
		assertRejected("GET /orders HTTP/1.1\r\nHost: localhost\r\nAccept: ;;;\r\nAuthorization: "
				+ Logins.authorization("ada") + "\r\n\r\n");
		assertRejected("GET /customers HTTP/1.1\r\nHost: localhost\r\nAccept: text/\r\n\r\n");
	}

	@Test
	void contentTypeWithAnUnknownCharsetIsABadRequest() {
		assertRejected(post("Content-Type: application/json; charset=ebcdic\r\n", "{\"items\": [\"tea\"]}"));
	}

	@Test
	void idempotencyKeyOutsideOfAsciiIsABadRequest() {
		String key = "Idempotency-Key: " + new String("ключ-🍕".getBytes(StandardCharsets.UTF_8),
				StandardCharsets.ISO_8859_1) + "\r\n";
		assertRejected(post("Content-Type: application/json\r\n" + key, "{\"items\": [\"tea\"]}"));
	}

	@Test
	void parameterNameTheFirewallRefusesIsABadRequest() {
		assertRejected("GET /orders?%00=%00 HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
				+ Logins.authorization("ada") + "\r\n\r\n");
	}

	private static String post(String headers, String body) {
		return "POST /orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + Logins.authorization("ada") + "\r\n"
				+ headers + "Content-Length: " + body.length() + "\r\n\r\n" + body;
	}

	private void assertRejected(String request) {
		try (RawHttp connection = RawHttp.connect(this.port)) {
			connection.send(request.getBytes(StandardCharsets.ISO_8859_1));
			RawHttp.Response response = connection.response();
			assertThat(response.status()).isEqualTo(400);
			assertThat(response.header("Content-Type")).startsWith("application/problem+json");
			JsonNode problem = this.json.readTree(response.body());
			assertThat(problem.get("status").asInt()).isEqualTo(400);
		}
	}

}
