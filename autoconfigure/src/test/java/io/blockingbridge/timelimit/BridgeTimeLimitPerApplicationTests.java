package io.blockingbridge.timelimit;

import java.time.Duration;

import io.blockingbridge.core.BridgeTimeoutException;
import io.blockingbridge.http.BlockingWebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import reactor.netty.DisposableServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Two applications in one JVM, running at the same time with different {@code bridge.timeout}:
 * outside of any scope, the calls of each one's components (repository, HTTP client) and its
 * functional endpoints get its own limit; {@code bridge.timeout=0} (no limit) reaches functional
 * endpoints too.
 */
class BridgeTimeLimitPerApplicationTests {

	private static final Duration BOUND = Duration.ofSeconds(15);

	@Test
	void eachApplicationKeepsItsOwnLimitForItsComponentsAndEndpoints() {
		DisposableServer peer = TimeLimitTestApplication.silentPeer();
		try (ConfigurableApplicationContext one = start("1s"); ConfigurableApplicationContext three = start("3s")) {
			timesOutWith(Duration.ofSeconds(1), () -> one.getBean(ThingRepository.class).findById(1L));
			timesOutWith(Duration.ofSeconds(3), () -> three.getBean(ThingRepository.class).findById(1L));
			timesOutWith(Duration.ofSeconds(1), () -> silentCall(one, peer));
			timesOutWith(Duration.ofSeconds(3), () -> silentCall(three, peer));
			assertThat(limitOfFunctionalEndpoint(one)).isEqualTo("PT1S");
			assertThat(limitOfFunctionalEndpoint(three)).isEqualTo("PT3S");
		}
		finally {
			peer.disposeNow();
		}
	}

	@Test
	void noLimitReachesFunctionalEndpoints() {
		try (ConfigurableApplicationContext unlimited = start("0")) {
			assertThat(limitOfFunctionalEndpoint(unlimited)).isEqualTo("PT0S");
		}
	}

	private static ConfigurableApplicationContext start(String timeout) {
		return new SpringApplicationBuilder(TimeLimitTestApplication.class)
			.properties("bridge.enabled=true", "bridge.timeout=" + timeout, "server.port=0")
			.run();
	}

	private static String silentCall(ConfigurableApplicationContext context, DisposableServer peer) {
		BlockingWebClient client = context.getBean(BlockingWebClient.Builder.class)
			.baseUrl("http://127.0.0.1:" + peer.port())
			.build();
		return client.get().uri("/silent").retrieve().body(String.class);
	}

	private static String limitOfFunctionalEndpoint(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return WebClient.create("http://127.0.0.1:" + port)
			.get()
			.uri("/limit")
			.retrieve()
			.bodyToMono(String.class)
			.block(BOUND);
	}

	private static void timesOutWith(Duration limit, Executable call) {
		assertTimeoutPreemptively(BOUND, () -> assertThatExceptionOfType(BridgeTimeoutException.class)
			.isThrownBy(call::execute)
			.satisfies((ex) -> assertThat(ex.getTimeout()).isEqualTo(limit)));
	}

}
