package io.blockingbridge.web;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeScope;
import io.blockingbridge.core.BridgeTasks;
import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forks of {@link Bridge#concurrently()} in {@code @BlockingStyle} requests of a running server: what
 * each fork sees of the request, and that a client going away cancels every fork.
 */
@SpringBootTest(classes = BlockingStyleForkTests.ForkApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.enabled=true", "bridge.timeout=7s" })
@AutoConfigureWebTestClient(timeout = "30s")
class BlockingStyleForkTests {

	/** A ThreadLocal that context-propagation restores from the Reactor Context key "fork-tenant". */
	static final ThreadLocal<String> TENANT = new ThreadLocal<>();

	static {
		ContextRegistry.getInstance().registerThreadLocalAccessor("fork-tenant", TENANT);
	}

	@Autowired
	private WebTestClient client;

	@Autowired
	private ForkRecorder recorder;

	@LocalServerPort
	private int port;

	@Test
	void eachForkSeesTheRequestsContextThreadLocalsExchangeAndTimeLimit() {
		this.client.get()
			.uri("/forks/seen")
			.header("X-Tenant", "acme")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("fork 1: acme acme acme /forks/seen PT7S bridge-request-N-fork-1 | "
					+ "fork 2: acme acme acme /forks/seen PT7S bridge-request-N-fork-2");
	}

	@Test
	void aClientGoingAwayCancelsEveryFork() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write("GET /forks/hang HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(this.recorder.waiting.await(10, TimeUnit.SECONDS)).as("both forks waiting").isTrue();
		}
		assertThat(this.recorder.cancelled.await(10, TimeUnit.SECONDS)).as("both forks' Monos cancelled").isTrue();
		assertThat(this.recorder.joinEnded.await(10, TimeUnit.SECONDS)).as("join ended").isTrue();
		assertThat(this.recorder.joinThrew).singleElement()
			.isEqualTo("io.blockingbridge.core.BridgeInterruptedException");
	}

	/** What the hanging request's forks did. */
	static class ForkRecorder {

		final CountDownLatch waiting = new CountDownLatch(2);

		final CountDownLatch cancelled = new CountDownLatch(2);

		final CountDownLatch joinEnded = new CountDownLatch(1);

		final List<String> joinThrew = new CopyOnWriteArrayList<>();

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ForkController.class)
	static class ForkApplication {

		@Bean
		ForkRecorder forkRecorder() {
			return new ForkRecorder();
		}

		/** Writes the X-Tenant header into the request's Reactor Context, under two keys. */
		@Bean
		WebFilter tenantFilter() {
			return (exchange, chain) -> {
				String tenant = exchange.getRequest().getHeaders().getFirst("X-Tenant");
				return chain.filter(exchange)
					.contextWrite((context) -> (tenant != null) ? context.put("tenant", tenant).put("fork-tenant", tenant)
							: context);
			};
		}

	}

	@RestController
	@BlockingStyle
	static class ForkController {

		private final ForkRecorder recorder;

		ForkController(ForkRecorder recorder) {
			this.recorder = recorder;
		}

		@GetMapping("/forks/seen")
		String seen() {
			try (BridgeTasks tasks = Bridge.concurrently()) {
				BridgeTasks.Subtask<String> first = tasks.fork(ForkController::whatAForkSees);
				BridgeTasks.Subtask<String> second = tasks.fork(ForkController::whatAForkSees);
				tasks.join();
				String requestThread = Thread.currentThread().getName();
				return ("fork 1: " + first.get() + " | fork 2: " + second.get()).replace(requestThread,
						"bridge-request-N");
			}
		}

		private static String whatAForkSees() {
			String awaited = Bridge.await(Mono.deferContextual((context) -> Mono.just(context.<String>get("tenant"))));
			return Bridge.context().get("tenant") + " " + awaited + " " + TENANT.get() + " "
					+ BlockingStyleExchange.current().getRequest().getPath() + " " + BridgeScope.currentTimeout() + " "
					+ Thread.currentThread().getName();
		}

		@GetMapping("/forks/hang")
		String hang() {
			try (BridgeTasks tasks = Bridge.concurrently()) {
				for (int i = 0; i < 2; i++) {
					tasks.fork(() -> Bridge.await(Mono.never()
						.doOnSubscribe((subscription) -> this.recorder.waiting.countDown())
						.doOnCancel(this.recorder.cancelled::countDown), Duration.ofSeconds(60)));
				}
				tasks.join();
				return "unreachable";
			}
			catch (RuntimeException ex) {
				this.recorder.joinThrew.add(ex.getClass().getName());
				throw ex;
			}
			finally {
				this.recorder.joinEnded.countDown();
			}
		}

	}

}
