package io.blockingbridge.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /orders/export}: the caller's orders, oldest first, as NDJSON read from a database
 * cursor while the answer is written.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrderExportTests {

	@Autowired
	BlockingDatabaseClient database;

	@Autowired
	JsonMapper json;

	@LocalServerPort
	int port;

	@Test
	void exportsTheCallersOwnOrdersAsNdjson() throws Exception {
		long before = Orders.lastId(this.database);
		long first = Orders.insertPending(this.database, "grace", Duration.ofSeconds(1));
		long second = Orders.insertPending(this.database, "grace", Duration.ofSeconds(1));
		Orders.insertPending(this.database, "alan", Duration.ofSeconds(1));
		HttpResponse<Stream<String>> response = export("grace", "grace-password");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/x-ndjson"));
		List<JsonNode> lines;
		try (Stream<String> body = response.body()) {
			lines = body.map(this.json::readTree).toList();
		}
		assertThat(lines).allSatisfy((order) -> assertThat(order.get("customer").asString()).isEqualTo("grace"));
		List<Long> ids = lines.stream().map((order) -> order.get("id").asLong()).filter((id) -> id > before).toList();
		assertThat(ids).containsExactly(first, second);
		assertThat(lines.get(lines.size() - 1).get("status").asString()).isEqualTo("PENDING");
	}

	@Test
	void exportWithoutCredentialsIsUnauthorized() throws Exception {
		HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/orders/export")).build(),
					HttpResponse.BodyHandlers.ofLines());
		response.body().close();
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void exportAskedForAnotherTypeIsNotAcceptable() throws Exception {
		String credentials = Base64.getEncoder().encodeToString("grace:grace-password".getBytes(StandardCharsets.UTF_8));
		for (String accept : List.of("application/json", "text/csv")) {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/orders/export"))
					.header("Authorization", "Basic " + credentials)
					.header("Accept", accept)
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(accept + ": " + response.body()).isEqualTo(406);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.body()).contains("\"status\":406").contains("application/x-ndjson");
		}
	}

	private HttpResponse<Stream<String>> export(String user, String password) throws IOException, InterruptedException {
		return export(this.port, user, password);
	}

	static HttpResponse<Stream<String>> export(int port, String user, String password)
			throws IOException, InterruptedException {
		String credentials = Base64.getEncoder()
			.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders/export"))
			.header("Authorization", "Basic " + credentials)
			.header("Accept", "application/x-ndjson")
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
	}

}
