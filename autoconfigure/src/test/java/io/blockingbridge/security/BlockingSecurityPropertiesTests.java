package io.blockingbridge.security;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code bridge.security.*} switched off restores Spring Security's own behaviour in blocking-style
 * code: an empty {@code SecurityContextHolder}, and reactive method security refusing blocking
 * methods.
 */
class BlockingSecurityPropertiesTests {

	@Nested
	@SpringBootTest(classes = SecurityTestApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "bridge.enabled=true", "spring.main.web-application-type=reactive",
					"bridge.security.context=false" })
	@AutoConfigureWebTestClient(timeout = "60s")
	class ContextOff {

		@Autowired
		private WebTestClient client;

		@Test
		void securityContextHolderIsEmptyInBlockingCode() {
			this.client.get()
				.uri("/me")
				.headers((headers) -> headers.setBasicAuth("ada", "secret"))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo("none");
		}

		@Test
		void reactiveMethodSecurityRefusesBlockingMethods() {
			this.client.get()
				.uri("/admin")
				.headers((headers) -> headers.setBasicAuth("admin", "secret"))
				.exchange()
				.expectStatus()
				.is5xxServerError();
		}

	}

	@Nested
	@SpringBootTest(classes = SecurityTestApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "bridge.enabled=true", "spring.main.web-application-type=reactive",
					"bridge.security.method-security=false" })
	@AutoConfigureWebTestClient(timeout = "60s")
	class MethodSecurityOff {

		@Autowired
		private WebTestClient client;

		@Test
		void securityContextHolderStillHoldsTheRequestsAuthentication() {
			this.client.get()
				.uri("/me")
				.headers((headers) -> headers.setBasicAuth("ada", "secret"))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo("ada");
		}

		@Test
		void reactiveMethodSecurityRefusesBlockingMethods() {
			this.client.get()
				.uri("/admin")
				.headers((headers) -> headers.setBasicAuth("admin", "secret"))
				.exchange()
				.expectStatus()
				.is5xxServerError();
		}

	}

}
