package io.blockingbridge.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Starts the sample on a random port and calls its blocking-style endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class SampleApplicationTest {

	@Autowired
	private WebTestClient client;

	@Test
	void greetingAwaitsRealHttpOnAVirtualThread() {
		this.client.get().uri("/hello?name=Ada").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.message").isEqualTo("Hello, Ada!").jsonPath("$.virtualThread").isEqualTo(true);
	}

}
