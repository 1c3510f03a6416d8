package io.blockingbridge.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.blockingbridge.core.BridgeInterruptedException;
import io.blockingbridge.core.BridgeScope;
import io.blockingbridge.core.BridgeTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A {@link BlockingWebClient} whose caller gives up (time limit, interrupt, early close) cancels the
 * exchange: the server sees the request abandoned, and the client's single pooled connection comes
 * back, so the next request still gets one.
 */
class BlockingWebClientCancellationTests {

	private HttpPeer peer;

	private PooledPeerConnector pool;

	private BlockingWebClient client;

	record Number(long n) {
	}

	@BeforeEach
	void start() {
		this.peer = new HttpPeer();
		this.pool = new PooledPeerConnector();
		this.client = BlockingWebClient.builder(WebClient.builder().clientConnector(this.pool.connector()))
			.baseUrl(this.peer.baseUrl())
			.build();
	}

	@AfterEach
	void stop() {
		this.pool.close();
		this.peer.close();
	}

	@Test
	void requestTimeoutCancelsTheExchangeAndFreesTheConnection() {
		assertThatExceptionOfType(BridgeTimeoutException.class)
			.isThrownBy(() -> this.client.get().uri("/slow").timeout(Duration.ofMillis(200)).retrieve().body(String.class));
		await().until(() -> this.peer.slowCancelled() == 1);
		assertConnectionReturnedAndUsable();
	}

	@Test
	void clientTimeoutAndScopeTimeoutApplyWhenTheRequestSetsNone() {
		BlockingWebClient impatient = this.client.mutate().timeout(Duration.ofMillis(200)).build();
		assertThatExceptionOfType(BridgeTimeoutException.class)
			.isThrownBy(() -> impatient.get().uri("/slow").retrieve().body(String.class))
			.satisfies((ex) -> assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(200)));
		await().until(() -> this.peer.slowCancelled() == 1);
		try (BridgeScope scope = BridgeScope.open(Context.empty(), Duration.ofMillis(300))) {
			assertThatExceptionOfType(BridgeTimeoutException.class)
				.isThrownBy(() -> this.client.get().uri("/slow").retrieve().toBodilessEntity())
				.satisfies((ex) -> assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(300)));
		}
		await().until(() -> this.peer.slowCancelled() == 2);
		assertConnectionReturnedAndUsable();
	}

	@Test
	void exchangeTimeoutBeforeTheResponseCancelsTheExchange() {
		assertThatExceptionOfType(BridgeTimeoutException.class).isThrownBy(() -> this.client.get()
			.uri("/slow")
			.timeout(Duration.ofMillis(200))
			.exchange((request, response) -> response.bodyTo(String.class)));
		await().until(() -> this.peer.slowCancelled() == 1);
		assertConnectionReturnedAndUsable();
	}

	@Test
	void interruptCancelsTheExchange() throws InterruptedException {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
		Thread caller = Thread.ofVirtual().start(() -> {
			try {
				this.client.get().uri("/slow").timeout(Duration.ZERO).retrieve().body(String.class);
			}
			catch (Throwable ex) {
				failure.set(ex);
				stillInterrupted.set(Thread.currentThread().isInterrupted());
			}
		});
		await().until(() -> this.peer.slowStarted() == 1);
		caller.interrupt();
		caller.join(Duration.ofSeconds(5));
		assertThat(failure.get()).isInstanceOf(BridgeInterruptedException.class);
		assertThat(stillInterrupted.get()).isTrue();
		await().until(() -> this.peer.slowCancelled() == 1);
		assertConnectionReturnedAndUsable();
	}

	@Test
	void interruptWhileAnExchangeFunctionWaitsCancelsToo() throws InterruptedException {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread caller = Thread.ofVirtual().start(() -> {
			try {
				this.client.get().uri("/numbers").exchange((request, response) -> response.bodyTo(String.class));
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});
		await().until(() -> this.pool.acquired() == 1);
		Thread.sleep(50); // the function now waits for an endless body
		caller.interrupt();
		caller.join(Duration.ofSeconds(5));
		assertThat(failure.get()).isInstanceOf(BridgeInterruptedException.class);
		await().until(() -> this.peer.streamsCancelled() == 1);
		assertConnectionReturnedAndUsable();
	}

	@Test
	void closingAStreamEarlyCancelsTheExchangeAndFreesTheConnection() {
		try (Stream<Number> numbers = this.client.get().uri("/numbers").retrieve().bodyStream(Number.class)) {
			assertThat(numbers.limit(3).toList()).hasSize(3);
		}
		await().until(() -> this.peer.streamsCancelled() == 1);
		assertConnectionReturnedAndUsable();
	}

	@Test
	void streamTimeoutAppliesToEachElement() {
		try (Stream<String> silent = this.client.get()
			.uri("/slow")
			.timeout(Duration.ofMillis(200))
			.retrieve()
			.bodyStream(String.class)) {
			assertThatExceptionOfType(BridgeTimeoutException.class).isThrownBy(silent::toList);
		}
		await().until(() -> this.peer.slowCancelled() == 1);
		assertConnectionReturnedAndUsable();
	}

	@Test
	void responsesReadOrIgnoredReuseTheOneConnection() {
		for (int i = 0; i < 3; i++) {
			this.client.get().uri("/people/1").retrieve().body(String.class);
			this.client.get().uri("/people/1").exchange((request, response) -> response.statusCode());
			this.client.get().uri("/people/404").exchange((request, response) -> response.statusCode());
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> this.client.get().uri("/status/500").retrieve().body(String.class));
		}
		await().until(() -> this.pool.acquired() == 0);
		assertThat(this.peer.connectionsOpened()).isEqualTo(1);
	}

	private void assertConnectionReturnedAndUsable() {
		await().until(() -> this.pool.acquired() == 0);
		assertThat(this.pool.allocated()).isLessThanOrEqualTo(1);
		List<String> next = List.of(this.client.get().uri("/people/2").retrieve().requiredBody(String.class));
		assertThat(next).containsExactly("{\"id\":2,\"name\":\"Ada\"}");
		await().until(() -> this.pool.acquired() == 0);
	}

}
