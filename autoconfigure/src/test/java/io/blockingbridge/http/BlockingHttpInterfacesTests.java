package io.blockingbridge.http;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.blockingbridge.core.BridgeScope;
import io.blockingbridge.core.BridgeTimeoutException;
import io.blockingbridge.core.BridgeUsageException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * {@link BlockingHttpInterfaces} clients of {@code @HttpExchange} interfaces with plain return
 * types, against a real HTTP server.
 */
class BlockingHttpInterfacesTests {

	private static HttpPeer peer;

	private static PooledPeerConnector pool;

	private static Peer client;

	record Person(long id, String name) {
	}

	@HttpExchange
	interface Peer {

		@GetExchange("/people/{id}")
		Person person(@PathVariable long id);

		@GetExchange("/people/{id}")
		Optional<Person> maybePerson(@PathVariable long id);

		@GetExchange("/people/{id}")
		ResponseEntity<Person> personEntity(@PathVariable long id);

		@PostExchange(url = "/echo", contentType = "application/json")
		List<Person> echo(@RequestBody List<Person> people);

		@GetExchange("/header/{name}")
		String header(@PathVariable String name, @RequestHeader("X-Custom") String custom);

		@DeleteExchange("/status/{code}")
		void delete(@PathVariable int code);

		@GetExchange("/status/{code}")
		HttpHeaders headers(@PathVariable int code);

		@GetExchange("/slow")
		String slow();

	}

	@HttpExchange
	interface ReactivePeer {

		@GetExchange("/people/{id}")
		Mono<Person> person(@PathVariable long id);

	}

	@BeforeAll
	static void start() {
		peer = new HttpPeer();
		pool = new PooledPeerConnector();
		BlockingWebClient blockingClient = BlockingWebClient
			.builder(WebClient.builder().clientConnector(pool.connector()))
			.baseUrl(peer.baseUrl())
			.filter((request, next) -> Mono.deferContextual((context) -> next.exchange(ClientRequest.from(request)
				.header("X-Tenant", context.getOrDefault("tenant", "none"))
				.build())))
			.build();
		client = BlockingHttpInterfaces.create(blockingClient, Peer.class);
	}

	@AfterAll
	static void stop() {
		pool.close();
		peer.close();
	}

	@Test
	void plainReturnTypes() {
		assertThat(client.person(3)).isEqualTo(new Person(3, "Ada"));
		assertThat(client.maybePerson(4)).contains(new Person(4, "Ada"));
		ResponseEntity<Person> entity = client.personEntity(5);
		assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(entity.getBody()).isEqualTo(new Person(5, "Ada"));
		List<Person> people = List.of(new Person(1, "Ada"), new Person(2, "Grace"));
		assertThat(client.echo(people)).isEqualTo(people);
		assertThat(client.header("X-Custom", "custom")).isEqualTo("custom");
		client.delete(204);
		assertThat(client.headers(200).getFirst("X-Status")).isEqualTo("200");
	}

	@Test
	void errorsAreTheStandardExceptions() {
		assertThatExceptionOfType(WebClientResponseException.NotFound.class).isThrownBy(() -> client.person(404))
			.satisfies((ex) -> assertThat(ex.getResponseBodyAsString()).isEqualTo("{\"missing\":404}"));
		assertThatExceptionOfType(WebClientResponseException.ServiceUnavailable.class)
			.isThrownBy(() -> client.delete(503));
	}

	@Test
	void contextReachesTheFilters() {
		try (BridgeScope scope = BridgeScope.open(Context.of("tenant", "globex"))) {
			assertThat(client.header("X-Tenant", "any")).isEqualTo("globex");
		}
	}

	@Test
	void timeoutCancelsTheExchangeAndFreesTheConnection() {
		int cancelledBefore = peer.slowCancelled();
		try (BridgeScope scope = BridgeScope.open(Context.empty(), Duration.ofMillis(200))) {
			assertThatExceptionOfType(BridgeTimeoutException.class).isThrownBy(client::slow);
		}
		await().until(() -> peer.slowCancelled() == cancelledBefore + 1);
		await().until(() -> pool.acquired() == 0);
		assertThat(client.person(6).id()).isEqualTo(6);
	}

	@Test
	void clientTimeoutCarriesOverFromTheBlockingWebClient() {
		int cancelledBefore = peer.slowCancelled();
		Peer impatient = BlockingHttpInterfaces.create(BlockingWebClient.builder()
			.baseUrl(peer.baseUrl())
			.timeout(Duration.ofMillis(200))
			.build(), Peer.class);
		assertThatExceptionOfType(BridgeTimeoutException.class).isThrownBy(impatient::slow)
			.satisfies((ex) -> assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(200)));
		await().until(() -> peer.slowCancelled() == cancelledBefore + 1);
	}

	@Test
	void clientTimeoutCarriesOverFromADecoratedBlockingWebClient() {
		int cancelledBefore = peer.slowCancelled();
		BlockingWebClient impatient = BlockingWebClient.builder()
			.baseUrl(peer.baseUrl())
			.timeout(Duration.ofMillis(200))
			.build();
		Peer decorated = BlockingHttpInterfaces.create(new DecoratingBlockingWebClient(impatient), Peer.class);
		assertThatExceptionOfType(BridgeTimeoutException.class).isThrownBy(decorated::slow)
			.satisfies((ex) -> assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(200)));
		await().until(() -> peer.slowCancelled() == cancelledBefore + 1);
	}

	@Test
	void useOnAnEventLoopFailsFastInsteadOfBlocking() {
		Mono<Person> onNonBlockingThread = Mono.fromCallable(() -> client.person(1)).subscribeOn(Schedulers.parallel());
		assertThatExceptionOfType(BridgeUsageException.class).isThrownBy(onNonBlockingThread::block);
	}

	@Test
	void reactiveReturnTypesAreRejectedWithAHint() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BlockingHttpInterfaces.create(WebClient.create(peer.baseUrl()), ReactivePeer.class))
			.withMessageContaining("ReactivePeer.person")
			.withMessageContaining("returns Mono")
			.withMessageContaining("WebClientAdapter");
	}

	/**
	 * A client that an application might write around another one (for logging, metrics and the
	 * like): not a {@code DefaultBlockingWebClient}, delegating everything.
	 */
	private record DecoratingBlockingWebClient(BlockingWebClient delegate) implements BlockingWebClient {

		@Override
		public RequestHeadersUriSpec<?> get() {
			return this.delegate.get();
		}

		@Override
		public RequestHeadersUriSpec<?> head() {
			return this.delegate.head();
		}

		@Override
		public RequestBodyUriSpec post() {
			return this.delegate.post();
		}

		@Override
		public RequestBodyUriSpec put() {
			return this.delegate.put();
		}

		@Override
		public RequestBodyUriSpec patch() {
			return this.delegate.patch();
		}

		@Override
		public RequestHeadersUriSpec<?> delete() {
			return this.delegate.delete();
		}

		@Override
		public RequestHeadersUriSpec<?> options() {
			return this.delegate.options();
		}

		@Override
		public RequestBodyUriSpec method(HttpMethod method) {
			return this.delegate.method(method);
		}

		@Override
		public WebClient getWebClient() {
			return this.delegate.getWebClient();
		}

		@Override
		public @Nullable Duration getTimeout() {
			return this.delegate.getTimeout();
		}

		@Override
		public Builder mutate() {
			return this.delegate.mutate();
		}

	}

}
