package io.blockingbridge.http;

import java.time.Duration;

import io.blockingbridge.web.BlockingStyle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.server.WebFilter;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring's {@link RestClient}, from the injected {@code RestClient.Builder}, inside
 * {@code @BlockingStyle} requests of a running application with the bridge on: the request's
 * Reactor Context (written by a WebFilter) reaches the filter a {@code WebClientCustomizer} adds
 * (directly and through an HTTP service group), status errors are RestClient's exceptions, a client
 * that goes away cancels the downstream call, and {@code bridge.timeout} answers 504.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.enabled=true", "bridge.timeout=2s", "spring.main.web-application-type=reactive" })
@AutoConfigureWebTestClient
@Timeout(60)
class RestClientInBlockingStyleRequestTests {

	private static final HttpPeer peer = new HttpPeer();

	@Autowired
	private WebTestClient webTestClient;

	@DynamicPropertySource
	static void peerUrl(DynamicPropertyRegistry registry) {
		registry.add("peer.url", peer::baseUrl);
		registry.add("spring.http.serviceclient.rest-peer.base-url", peer::baseUrl);
	}

	@AfterAll
	static void stopPeer() {
		peer.close();
	}

	@Test
	void requestContextReachesTheWebClientCustomizersFilter() {
		for (String tenant : new String[] { "acme", "globex" }) {
			this.webTestClient.get()
				.uri("/tenant")
				.header("X-Tenant-Id", tenant)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo(tenant);
		}
	}

	@Test
	void requestContextReachesTheFilterThroughAnHttpServiceGroup() {
		this.webTestClient.get()
			.uri("/tenant-via-group")
			.header("X-Tenant-Id", "umbrella")
			.exchange()
			.expectBody(String.class)
			.isEqualTo("umbrella");
	}

	@Test
	void notFoundArrivesAsRestClientsException() {
		this.webTestClient.get()
			.uri("/person/404")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("NotFound");
	}

	@Test
	void clientDisconnectCancelsTheDownstreamCall() {
		int cancelledBefore = peer.slowCancelled();
		int startedBefore = peer.slowStarted();
		WebTestClient impatient = this.webTestClient.mutate().responseTimeout(Duration.ofMillis(500)).build();
		try {
			impatient.get().uri("/slow").exchange();
		}
		catch (AssertionError | IllegalStateException ex) {
			// the test client gave up waiting, as intended
		}
		assertThat(peer.slowStarted()).isEqualTo(startedBefore + 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> peer.slowCancelled() == cancelledBefore + 1);
	}

	@Test
	void bridgeTimeoutEndsTheDownstreamCallWith504() {
		int cancelledBefore = peer.slowCancelled();
		this.webTestClient.mutate()
			.responseTimeout(Duration.ofSeconds(20))
			.build()
			.get()
			.uri("/slow")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
		await().atMost(Duration.ofSeconds(10)).until(() -> peer.slowCancelled() == cancelledBefore + 1);
	}

	interface GroupPeer {

		@GetExchange("/header/X-Tenant")
		String tenant();

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = "rest-peer", types = GroupPeer.class)
	static class Application {

		@Bean
		WebFilter tenantFilter() {
			return (exchange, chain) -> {
				String tenant = exchange.getRequest().getHeaders().getFirst("X-Tenant-Id");
				return chain.filter(exchange).contextWrite(Context.of("tenant", (tenant != null) ? tenant : "none"));
			};
		}

		@Bean
		WebClientCustomizer tenantPropagation() {
			return (builder) -> builder.filter((request, next) -> Mono.deferContextual((context) -> next.exchange(
					ClientRequest.from(request).header("X-Tenant", context.getOrDefault("tenant", "missing")).build())));
		}

		@Bean
		PeerController peerController(RestClient.Builder builder, @Value("${peer.url}") String peerUrl,
				GroupPeer groupPeer) {
			return new PeerController(builder.baseUrl(peerUrl).build(), groupPeer);
		}

	}

	@RestController
	@BlockingStyle
	static class PeerController {

		private final RestClient peer;

		private final GroupPeer groupPeer;

		PeerController(RestClient peer, GroupPeer groupPeer) {
			this.peer = peer;
			this.groupPeer = groupPeer;
		}

		@GetMapping("/tenant")
		String tenant() {
			return this.peer.get().uri("/header/X-Tenant").retrieve().body(String.class);
		}

		@GetMapping("/tenant-via-group")
		String tenantViaGroup() {
			return this.groupPeer.tenant();
		}

		@GetMapping("/person/{id}")
		String person(@PathVariable int id) {
			try {
				return this.peer.get().uri("/people/{id}", id).retrieve().body(String.class);
			}
			catch (HttpClientErrorException ex) {
				return ex.getClass().getSimpleName();
			}
		}

		@GetMapping("/slow")
		String slow() {
			return this.peer.get().uri("/slow").retrieve().body(String.class);
		}

	}

}
