package io.blockingbridge.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.blockingbridge.core.BridgeInterruptedException;
import io.blockingbridge.core.BridgeScope;
import io.blockingbridge.core.BridgeTimeoutException;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.http.MediaType;
import org.springframework.web.client.ApiVersionInserter;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link BridgeClientHttpRequestFactory} against a real HTTP peer: RestClient's semantics over the
 * bridge's await (context, cancellation, time limit), a body streamed both ways with backpressure,
 * the connection pool and the one observation per call.
 */
@Timeout(60)
class BridgeClientHttpRequestFactoryTests {

	private static final HttpPeer peer = new HttpPeer();

	@AfterAll
	static void stopPeer() {
		peer.close();
	}

	private static RestClient restClient(WebClient webClient) {
		return RestClient.builder()
			.requestFactory(new BridgeClientHttpRequestFactory(webClient))
			.baseUrl(peer.baseUrl())
			.build();
	}

	private final RestClient client = restClient(WebClient.create());

	@Test
	void notFoundArrivesAsRestClientsException() {
		assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
			.isThrownBy(() -> this.client.get().uri("/people/404").retrieve().body(String.class))
			.satisfies((ex) -> {
				assertThat(ex.getResponseBodyAsString()).isEqualTo("{\"missing\":404}");
				assertThat(ex.getResponseHeaders().getFirst("X-Reason")).isEqualTo("no such person");
			});
	}

	@Test
	void scopesReactorContextReachesTheWebClientsFilter() {
		RestClient tenantClient = restClient(WebClient.builder()
			.filter((request, next) -> Mono.deferContextual((context) -> next.exchange(
					ClientRequest.from(request).header("X-Tenant", context.getOrDefault("tenant", "missing")).build())))
			.build());
		try (BridgeScope scope = BridgeScope.open(Context.of("tenant", "acme"))) {
			assertThat(tenantClient.get().uri("/header/X-Tenant").retrieve().body(String.class)).isEqualTo("acme");
		}
	}

	@Test
	void interruptOfTheCallerCancelsTheExchange() throws InterruptedException {
		int started = peer.slowStarted();
		int cancelled = peer.slowCancelled();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread caller = Thread.ofVirtual().start(() -> {
			try {
				this.client.get().uri("/slow").retrieve().body(String.class);
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> peer.slowStarted() == started + 1);
		caller.interrupt();
		caller.join(Duration.ofSeconds(10));
		assertThat(failure.get()).isInstanceOf(BridgeInterruptedException.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> peer.slowCancelled() == cancelled + 1);
	}

	@Test
	void scopesTimeLimitBoundsTheExchangeAndCancelsIt() {
		int cancelled = peer.slowCancelled();
		try (BridgeScope scope = BridgeScope.open(Context.empty(), Duration.ofMillis(300))) {
			assertThatExceptionOfType(BridgeTimeoutException.class)
				.isThrownBy(() -> this.client.get().uri("/slow").retrieve().body(String.class));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> peer.slowCancelled() == cancelled + 1);
	}

	@Test
	void liveViewShowsTheAwaitedCall() throws InterruptedException {
		AtomicReference<BridgeScope> opened = new AtomicReference<>();
		Thread caller = Thread.ofVirtual().start(() -> {
			try (BridgeScope scope = BridgeScope.open(Context.empty(), Duration.ofSeconds(30))) {
				opened.set(scope);
				this.client.get().uri("/slow?secret=1").retrieve().body(String.class);
			}
			catch (BridgeInterruptedException ex) {
				// ended by the test
			}
		});
		await().atMost(Duration.ofSeconds(10))
			.until(() -> opened.get() != null
					&& ("GET " + peer.baseUrl() + "/slow").equals(opened.get().awaitingDescription()));
		caller.interrupt();
		caller.join(Duration.ofSeconds(10));
	}

	@Test
	void connectionErrorsArriveAsResourceAccessException() {
		RestClient unreachable = RestClient.builder()
			.requestFactory(new BridgeClientHttpRequestFactory(WebClient.create()))
			.baseUrl("http://127.0.0.1:1")
			.build();
		assertThatExceptionOfType(ResourceAccessException.class)
			.isThrownBy(() -> unreachable.get().uri("/").retrieve().body(String.class))
			.withCauseInstanceOf(IOException.class);
	}

	@Test
	void largeBodyIsReadWithBackpressureAndClosingEarlyFreesTheConnection() throws IOException {
		try (PooledPeerConnector pool = new PooledPeerConnector()) {
			RestClient pooled = restClient(WebClient.builder().clientConnector(pool.connector()).build());
			long sentBefore = peer.largeBytesSent();
			byte[] first = new byte[1024];
			try (InputStream body = pooled.get().uri("/large/200").retrieve().body(InputStream.class)) {
				int read = 0;
				while (read < first.length) {
					read += body.read(first, read, first.length - read);
				}
				// the peer sends until the connection is full, then waits for the reader
				awaitQuiet(() -> peer.largeBytesSent() - sentBefore);
				assertThat(peer.largeBytesSent() - sentBefore).as("bytes sent while 1 KiB was read")
					.isLessThan(64L * 1024 * 1024);
				assertThat(pool.acquired()).isEqualTo(1);
			}
			for (int i = 0; i < first.length; i++) {
				assertThat(first[i]).isEqualTo((byte) (i % 251));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> pool.acquired() == 0);
			// the pool of one connection serves the next request
			assertThat(pooled.get().uri("/people/7").retrieve().body(String.class)).contains("Ada");
		}
	}

	@Test
	void largeBodyReadToItsEndLeavesTheConnectionInThePool() throws IOException {
		try (PooledPeerConnector pool = new PooledPeerConnector()) {
			RestClient pooled = restClient(WebClient.builder().clientConnector(pool.connector()).build());
			long total = 0;
			try (InputStream body = pooled.get().uri("/large/8").retrieve().body(InputStream.class)) {
				byte[] buffer = new byte[8192];
				for (int read = body.read(buffer); read != -1; read = body.read(buffer)) {
					total += read;
				}
			}
			assertThat(total).isEqualTo(8L * 1024 * 1024);
			assertThat(pooled.get().uri("/people/7").retrieve().body(String.class)).contains("Ada");
			assertThat(pool.allocated()).isEqualTo(1);
		}
	}

	@Test
	void requestBodyIsStreamedWhileItIsWritten() {
		long receivedBefore = peer.uploadBytesReceived();
		byte[] chunk = new byte[64 * 1024];
		String count = this.client.post()
			.uri("/upload")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body((OutputStream out) -> {
				out.write(chunk);
				out.flush();
				// the rest is written only once the peer has the first chunk: a client that
				// buffered the whole body before sending would wait here for ever
				await().atMost(Duration.ofSeconds(20))
					.until(() -> peer.uploadBytesReceived() - receivedBefore >= chunk.length);
				for (int i = 0; i < 15; i++) {
					out.write(chunk);
				}
			})
			.retrieve()
			.body(String.class);
		assertThat(count).isEqualTo(String.valueOf(16 * chunk.length));
	}

	@Test
	void interceptorsAndApiVersionsReachThePeer() {
		RestClient versioned = RestClient.builder()
			.requestFactory(new BridgeClientHttpRequestFactory(WebClient.create()))
			.baseUrl(peer.baseUrl())
			.requestInterceptor((request, body, execution) -> {
				request.getHeaders().add("X-Intercepted", "yes");
				return execution.execute(request, body);
			})
			.apiVersionInserter(ApiVersionInserter.useHeader("X-API-Version"))
			.defaultApiVersion("1.2")
			.build();
		assertThat(versioned.get().uri("/header/X-Intercepted").retrieve().body(String.class)).isEqualTo("yes");
		assertThat(versioned.get().uri("/header/X-API-Version").retrieve().body(String.class)).isEqualTo("1.2");
		assertThat(versioned.get().uri("/header/X-API-Version").apiVersion("2.0").retrieve().body(String.class))
			.isEqualTo("2.0");
	}

	@Test
	void eachCallHasOneObservationWithTheStatusErrorsException() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		RestClient observed = RestClient.builder()
			.requestFactory(new BridgeClientHttpRequestFactory(WebClient.builder().observationRegistry(registry).build()))
			.observationRegistry(registry)
			.baseUrl(peer.baseUrl())
			.build();
		assertThatExceptionOfType(HttpServerErrorException.InternalServerError.class)
			.isThrownBy(() -> observed.get().uri("/status/500").retrieve().body(String.class));
		TestObservationRegistryAssert.assertThat(registry)
			.hasNumberOfObservationsWithNameEqualTo("http.client.requests", 1)
			.hasObservationWithNameEqualTo("http.client.requests")
			.that()
			.hasLowCardinalityKeyValue("exception", "InternalServerError")
			.hasLowCardinalityKeyValue("status", "500")
			.hasBeenStopped();
	}

	/** Wait until the value stops changing (the peer is held back by the connection). */
	private static void awaitQuiet(java.util.function.LongSupplier value) {
		AtomicLong last = new AtomicLong(-1);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
			long now = value.getAsLong();
			return last.getAndSet(now) == now;
		});
	}

}
