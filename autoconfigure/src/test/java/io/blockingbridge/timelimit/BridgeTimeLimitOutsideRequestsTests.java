package io.blockingbridge.timelimit;

import java.time.Duration;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeTimeoutException;
import io.blockingbridge.http.BlockingWebClient;
import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * One application with {@code bridge.timeout=1s}: every await outside of a request (a plain
 * {@code Bridge.await} as in a {@code @Scheduled} job, a repository, the SQL client, the HTTP
 * client) and every functional endpoint gets that limit, not the library's 30 seconds. Runs in a
 * JVM of its own (tag {@code own-jvm}): a plain {@code Bridge.await} takes the limit of the only
 * application running in the JVM, which the cached contexts of other test classes would change.
 */
@Tag("own-jvm")
@SpringBootTest(classes = TimeLimitTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.enabled=true", "bridge.timeout=1s" })
class BridgeTimeLimitOutsideRequestsTests {

	/** Far below the library's 30 seconds, far above the application's 1 second. */
	private static final Duration BOUND = Duration.ofSeconds(10);

	private static final Duration LIMIT = Duration.ofSeconds(1);

	@Autowired
	private ApplicationContext context;

	@LocalServerPort
	private int port;

	@Test
	void plainAwaitOutsideOfAnyScopeGetsTheApplicationsLimit() {
		timesOutWithTheLimit(() -> Bridge.await(Mono.never()));
	}

	@Test
	void repositoryCallOutsideOfAnyScopeGetsTheApplicationsLimit() {
		ThingRepository things = this.context.getBean(ThingRepository.class);
		timesOutWithTheLimit(() -> things.findById(1L));
	}

	@Test
	void databaseClientCallOutsideOfAnyScopeGetsTheApplicationsLimit() {
		BlockingDatabaseClient client = this.context.getBean(BlockingDatabaseClient.class);
		timesOutWithTheLimit(() -> client.sql("SELECT 1").fetch().first());
	}

	@Test
	void httpClientCallOutsideOfAnyScopeGetsTheApplicationsLimit() {
		DisposableServer peer = TimeLimitTestApplication.silentPeer();
		try {
			BlockingWebClient client = this.context.getBean(BlockingWebClient.Builder.class)
				.baseUrl("http://127.0.0.1:" + peer.port())
				.build();
			timesOutWithTheLimit(() -> client.get().uri("/silent").retrieve().body(String.class));
		}
		finally {
			peer.disposeNow();
		}
	}

	@Test
	void functionalEndpointGetsTheApplicationsLimit() {
		WebClient client = WebClient.create("http://127.0.0.1:" + this.port);
		assertTimeoutPreemptively(BOUND, () -> {
			HttpStatus status = client.get().uri("/never").exchangeToMono((response) -> Mono
				.just(HttpStatus.valueOf(response.statusCode().value()))).block();
			assertThat(status).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
		});
		String limit = client.get().uri("/limit").retrieve().bodyToMono(String.class).block(BOUND);
		assertThat(limit).isEqualTo(LIMIT.toString());
	}

	private static void timesOutWithTheLimit(Executable call) {
		assertTimeoutPreemptively(BOUND, () -> assertThatExceptionOfType(BridgeTimeoutException.class)
			.isThrownBy(call::execute)
			.satisfies((ex) -> assertThat(ex.getTimeout()).isEqualTo(LIMIT)));
	}

}
