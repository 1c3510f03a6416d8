package io.blockingbridge.sample;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Characters no database can store (NUL, unpaired surrogates) are a {@code 400} problem detail on
 * every endpoint, on H2 as on PostgreSQL, and nothing is stored. Sent over raw sockets, exactly as
 * written.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "kitchen.delay=0s")
@ExtendWith(OutputCaptureExtension.class)
class UnstorableInputTests {

	@Autowired
	BlockingDatabaseClient database;

	@LocalServerPort
	int port;

	@AfterEach
	void stillServes() {
		assertThat(get("/customers").status()).isEqualTo(200);
	}

	@Test
	void nulInTheCustomerOfAnOrder() {
		assertInvalidOrder("{\"customer\": \"ada\\u0000\", \"items\": [\"pie\"]}", "customer");
	}

	@Test
	void nulInAnItem() {
		assertInvalidOrder("{\"customer\": \"ada\", \"items\": [\"pie\", \"p\\u0000e\"]}", "items[1]");
	}

	@Test
	void unpairedSurrogateInAnItem() {
		assertInvalidOrder("{\"customer\": \"ada\", \"items\": [\"\\ud83c\"]}", "items[0]");
		assertInvalidOrder("{\"customer\": \"ada\", \"items\": [\"x\\udf55\"]}", "items[0]");
	}

	@Test
	void pairedSurrogatesAreStored() {
		RawHttp.Response response = postOrder("{\"customer\": \"ada\", \"items\": [\"\\ud83c\\udf55\"]}", "");
		assertThat(response.status()).isEqualTo(201);
		long id = Long.parseLong(response.header("Location").substring("/orders/".length()));
		assertThat(get("/orders/" + id).body()).contains("\"items\":[\"\uD83C\uDF55\"]");
	}

	@Test
	void nulInTheCustomerOfAList() {
		assertProblem(get("/orders?customer=ada%00"), "Invalid characters");
		assertProblem(get("/orders?customer=%00"), "Invalid characters");
	}

	@Test
	void nulInAnOrderId() {
		assertProblem(get("/orders/1%00"), null);
	}

	@Test
	void nulInTheCustomerOfAWebSocketHandshake() {
		assertProblem(request("GET /ws/notifications?customer=ada%00 HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + Logins.authorization("ada") + "\r\n"
				+ "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"), "Invalid characters");
	}

	@Test
	void userNamesNoUserCanHaveAreUnknownUsersQuietly(CapturedOutput output) {
		int logged = output.getAll().length();
		for (String name : List.of("ada\0", "\0", "ad\u0001a", "ada\u007f", "a".repeat(41))) {
			String credentials = Base64.getEncoder()
				.encodeToString((name + ":" + Logins.password("ada")).getBytes(StandardCharsets.UTF_8));
			RawHttp.Response response = request(
					"GET /orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials + "\r\n\r\n");
			assertThat(response.status()).as("user name %s", name.replace("\0", "\\0")).isEqualTo(401);
			assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		}
		assertThat(output.getAll().substring(logged)).doesNotContain(" ERROR ").doesNotContain(" WARN ")
			.doesNotContain("Exception");
	}

	@Test
	void nulInTheIdempotencyKey() {
		long before = Orders.lastId(this.database);
		RawHttp.Response response = postOrder("{\"customer\": \"ada\", \"items\": [\"pie\"]}", "Idempotency-Key: a\0b\r\n");
		assertThat(response.status()).isEqualTo(400);
		assertThat(Orders.countAfter(this.database, before)).isZero();
	}

	private void assertInvalidOrder(String json, String field) {
		long before = Orders.lastId(this.database);
		RawHttp.Response response = postOrder(json, "");
		assertProblem(response, null);
		assertThat(response.body()).contains("\"field\":\"" + field + "\"");
		assertThat(Orders.countAfter(this.database, before)).isZero();
	}

	private static void assertProblem(RawHttp.Response response, String title) {
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.body()).contains("\"status\":400");
		if (title != null) {
			assertThat(response.body()).contains("\"title\":\"" + title + "\"");
		}
	}

	private RawHttp.Response postOrder(String json, String extraHeaders) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		return request("POST /orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + Logins.authorization("ada") + "\r\nContent-Type: application/json\r\n" + extraHeaders
				+ "Content-Length: " + body.length + "\r\n\r\n" + json);
	}

	private RawHttp.Response get(String path) {
		return request("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + Logins.authorization("ada") + "\r\n\r\n");
	}

	private RawHttp.Response request(String text) {
		try (RawHttp connection = RawHttp.connect(this.port)) {
			return connection.send(text).response();
		}
	}

}
