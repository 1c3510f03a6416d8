package io.blockingbridge.sample;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that gets no pooled connection within {@code spring.r2dbc.pool.max-acquire-time} is
 * answered {@code 503} with {@code Retry-After} and a problem detail, at once rather than after
 * queueing; and no order is left behind. (A pool of one connection, which the test holds.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.r2dbc.pool.initial-size=1", "spring.r2dbc.pool.max-size=1",
				"spring.r2dbc.pool.max-acquire-time=300ms" })
@AutoConfigureWebTestClient(timeout = "PT20S")
class DatabaseBusyTests {

	@Autowired
	WebTestClient client;

	@Autowired
	ConnectionFactory connectionFactory;

	@Autowired
	BlockingDatabaseClient database;

	@Test
	void noConnectionInTimeIsServiceUnavailable() {
		long before = Orders.lastId(this.database);
		try (ConnectionHolder held = ConnectionHolder.hold(this.connectionFactory)) {
			busy(this.client.get().uri("/customers").exchange());
			busy(Logins.as(this.client, "ada").post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"customer\": \"ada\", \"items\": [\"pie\"]}")
				.exchange());
			busy(Logins.as(this.client, "ada").get().uri("/orders").exchange());
		}
		this.client.get().uri("/customers").exchange().expectStatus().isOk();
		assertThat(Orders.countAfter(this.database, before)).isZero();
	}

	private static void busy(WebTestClient.ResponseSpec response) {
		response.expectStatus().isEqualTo(503)
			.expectHeader().valueEquals("Retry-After", "1")
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(503)
			.jsonPath("$.title").isEqualTo("Service busy")
			.jsonPath("$.detail").value((detail) -> assertThat((String) detail).doesNotContain("R2dbc", "pool"));
	}

}
