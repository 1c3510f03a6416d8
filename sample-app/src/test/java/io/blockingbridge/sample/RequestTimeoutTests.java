package io.blockingbridge.sample;

import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A request that runs out of its time limit ({@code bridge.timeout}, 1 s here, while it waits for a
 * connection the test holds) is answered {@code 504} with a problem detail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.timeout=1s", "spring.r2dbc.pool.initial-size=1", "spring.r2dbc.pool.max-size=1",
				"spring.r2dbc.pool.max-acquire-time=30s" })
@AutoConfigureWebTestClient(timeout = "PT20S")
class RequestTimeoutTests {

	@Autowired
	WebTestClient client;

	@Autowired
	ConnectionFactory connectionFactory;

	@Test
	void requestOutOfTimeIsGatewayTimeout() {
		try (ConnectionHolder held = ConnectionHolder.hold(this.connectionFactory)) {
			this.client.get().uri("/customers").exchange()
				.expectStatus().isEqualTo(504)
				.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.status").isEqualTo(504)
				.jsonPath("$.title").isEqualTo("Request timed out")
				.jsonPath("$.detail").isEqualTo("The request did not complete within 1000 ms.");
		}
		this.client.get().uri("/customers").exchange().expectStatus().isOk();
	}

}
