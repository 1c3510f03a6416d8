package io.blockingbridge.http;

import java.time.Duration;

import io.blockingbridge.web.BlockingStyle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;
import org.springframework.web.server.WebFilter;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link BlockingWebClient} inside {@code @BlockingStyle} requests of a running application: the
 * request's Reactor Context (written by a WebFilter) reaches the filters of the application's
 * WebClient (directly, through an HTTP interface and through an HTTP service group), and a client
 * that goes away cancels the outgoing exchange.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.enabled=true", "spring.main.web-application-type=reactive" })
@AutoConfigureWebTestClient
class BlockingWebClientInBlockingStyleRequestTests {

	private static final HttpPeer peer = new HttpPeer();

	@Autowired
	private WebTestClient webTestClient;

	@DynamicPropertySource
	static void peerUrl(DynamicPropertyRegistry registry) {
		registry.add("peer.url", peer::baseUrl);
		registry.add("spring.http.serviceclient.peer.base-url", peer::baseUrl);
	}

	@AfterAll
	static void stopPeer() {
		peer.close();
	}

	@Test
	void requestContextReachesTheWebClientFilter() {
		this.webTestClient.get()
			.uri("/tenant")
			.header("X-Tenant-Id", "acme")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("acme");
		this.webTestClient.get()
			.uri("/tenant")
			.header("X-Tenant-Id", "globex")
			.exchange()
			.expectBody(String.class)
			.isEqualTo("globex");
	}

	@Test
	void requestContextReachesTheFilterThroughAnHttpInterface() {
		this.webTestClient.get()
			.uri("/tenant-via-interface")
			.header("X-Tenant-Id", "initech")
			.exchange()
			.expectBody(String.class)
			.isEqualTo("initech");
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
	void peerErrorsArriveAsTheStandardException() {
		this.webTestClient.get().uri("/peer-status/503").exchange().expectStatus().isOk().expectBody(String.class)
			.isEqualTo("ServiceUnavailable");
	}

	@Test
	void clientDisconnectCancelsTheOutgoingExchange() {
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
		await().atMost(Duration.ofSeconds(5)).until(() -> peer.slowCancelled() == cancelledBefore + 1);
	}

	interface GroupPeer {

		@GetExchange("/header/X-Tenant")
		String tenant();

	}

	interface TenantPeer {

		@GetExchange("/header/X-Tenant")
		String tenant();

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = "peer", types = GroupPeer.class, clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	static class Application {

		@Bean
		WebClientHttpServiceGroupConfigurer blockingHttpServices() {
			return BlockingHttpInterfaces.groupConfigurer("peer");
		}

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
		BlockingWebClient peerClient(BlockingWebClient.Builder builder, @Value("${peer.url}") String peerUrl) {
			return builder.baseUrl(peerUrl).timeout(Duration.ZERO).build();
		}

		@Bean
		TenantPeer tenantPeer(BlockingWebClient peerClient) {
			return BlockingHttpInterfaces.create(peerClient, TenantPeer.class);
		}

		@Bean
		PeerController peerController(BlockingWebClient peerClient, TenantPeer tenantPeer, GroupPeer groupPeer) {
			return new PeerController(peerClient, tenantPeer, groupPeer);
		}

	}

	@RestController
	@BlockingStyle
	static class PeerController {

		private final BlockingWebClient peer;

		private final TenantPeer tenantPeer;

		private final GroupPeer groupPeer;

		PeerController(BlockingWebClient peer, TenantPeer tenantPeer, GroupPeer groupPeer) {
			this.peer = peer;
			this.tenantPeer = tenantPeer;
			this.groupPeer = groupPeer;
		}

		@GetMapping("/tenant-via-group")
		String tenantViaGroup() {
			return this.groupPeer.tenant();
		}

		@GetMapping("/tenant")
		String tenant() {
			return this.peer.get().uri("/header/X-Tenant").retrieve().body(String.class);
		}

		@GetMapping("/tenant-via-interface")
		String tenantViaInterface() {
			return this.tenantPeer.tenant();
		}

		@GetMapping("/peer-status/{code}")
		String peerStatus(@PathVariable int code) {
			try {
				return this.peer.get().uri("/status/{code}", code).retrieve().body(String.class);
			}
			catch (WebClientResponseException ex) {
				return ex.getClass().getSimpleName();
			}
		}

		@GetMapping("/slow")
		String slow() {
			return this.peer.get().uri("/slow").retrieve().body(String.class);
		}

	}

}
