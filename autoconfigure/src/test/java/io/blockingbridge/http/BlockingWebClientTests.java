package io.blockingbridge.http;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.blockingbridge.core.BridgeScope;
import io.blockingbridge.core.BridgeUsageException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * {@link BlockingWebClient} against a real HTTP server: requests, bodies, errors, streams, context.
 */
class BlockingWebClientTests {

	private static HttpPeer peer;

	private static BlockingWebClient client;

	record Person(long id, String name) {
	}

	record Number(long n) {
	}

	@BeforeAll
	static void startPeer() {
		peer = new HttpPeer();
		client = BlockingWebClient.builder()
			.baseUrl(peer.baseUrl())
			.filter((request, next) -> Mono.deferContextual((context) -> next.exchange(ClientRequest.from(request)
				.header("X-Tenant", context.getOrDefault("tenant", "none"))
				.header("X-Attribute", String.valueOf(request.attribute("marker").orElse("none")))
				.build())))
			.build();
	}

	@AfterAll
	static void stopPeer() {
		peer.close();
	}

	@Test
	void negativeTimeoutsAreRejectedWithAHint() {
		Duration negative = Duration.ofSeconds(-1);
		assertThatIllegalArgumentException().isThrownBy(() -> BlockingWebClient.builder().timeout(negative))
			.withMessage("The timeout must not be negative, but was PT-1S; use Duration.ZERO for no limit");
		assertThatIllegalArgumentException().isThrownBy(() -> client.get().timeout(negative))
			.withMessageContaining("must not be negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BlockingHttpInterfaces.create(client.getWebClient(), negative, Runnable.class))
			.withMessageContaining("must not be negative");
	}

	@Test
	void getDecodesJsonBody() {
		Person person = client.get().uri("/people/{id}", 7).accept(MediaType.APPLICATION_JSON).retrieve().body(Person.class);
		assertThat(person).isEqualTo(new Person(7, "Ada"));
	}

	@Test
	void postEncodesAndDecodesJson() {
		ResponseEntity<Person> entity = client.post()
			.uri("/echo")
			.contentType(MediaType.APPLICATION_JSON)
			.body(new Person(1, "Grace"))
			.retrieve()
			.toEntity(Person.class);
		assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(entity.getHeaders().getFirst("X-Method")).isEqualTo("POST");
		assertThat(entity.getBody()).isEqualTo(new Person(1, "Grace"));
	}

	@Test
	void putAndPatchWithGenericBodyTypes() {
		ParameterizedTypeReference<List<Person>> people = new ParameterizedTypeReference<>() {
		};
		List<Person> sent = List.of(new Person(1, "Ada"), new Person(2, "Grace"));
		assertThat(client.put().uri("/echo").contentType(MediaType.APPLICATION_JSON).body(sent, people).retrieve().body(people))
			.isEqualTo(sent);
		ResponseEntity<List<Person>> patched = client.patch()
			.uri("/echo")
			.contentType(MediaType.APPLICATION_JSON)
			.body(sent, people)
			.retrieve()
			.toEntity(people);
		assertThat(patched.getHeaders().getFirst("X-Method")).isEqualTo("PATCH");
		assertThat(patched.getBody()).isEqualTo(sent);
	}

	@Test
	void uriVariantsHeadersCookiesAndAttributes() {
		assertThat(client.get().uri("/people/{id}", Map.of("id", 3)).retrieve().requiredBody(Person.class).id()).isEqualTo(3);
		assertThat(client.get().uri((builder) -> builder.path("/people/{id}").build(4)).retrieve().body(Person.class).id())
			.isEqualTo(4);
		assertThat(client.get().uri(URI.create(peer.baseUrl() + "/people/5")).retrieve().body(Person.class).id()).isEqualTo(5);
		assertThat(client.get().uri("/header/{name}", "X-Custom").header("X-Custom", "custom").retrieve().body(String.class))
			.isEqualTo("custom");
		assertThat(client.get().uri("/header/Cookie").cookie("flavour", "oat").retrieve().body(String.class))
			.isEqualTo("flavour=oat");
		assertThat(client.get().uri("/header/Accept").accept(MediaType.TEXT_PLAIN).retrieve().body(String.class))
			.isEqualTo("text/plain");
		assertThat(client.get().uri("/header/X-Attribute").attribute("marker", "seen").retrieve().body(String.class))
			.isEqualTo("seen");
	}

	@Test
	void otherMethodsAndBodilessEntities() {
		assertThat(client.head().uri("/status/204").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(client.delete().uri("/status/202").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.ACCEPTED);
		ResponseEntity<Void> options = client.options().uri("/status/200").retrieve().toBodilessEntity();
		assertThat(options.getHeaders().getFirst("X-Status")).isEqualTo("200");
		assertThat(client.method(HttpMethod.POST)
			.uri("/echo")
			.contentType(MediaType.TEXT_PLAIN)
			.body("plain")
			.retrieve()
			.body(String.class)).isEqualTo("plain");
	}

	@Test
	void notFoundIsTheStandardExceptionWithStatusHeadersBodyAndCallerFrames() {
		assertThatExceptionOfType(WebClientResponseException.NotFound.class)
			.isThrownBy(() -> client.get().uri("/people/404").retrieve().body(Person.class))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
				assertThat(ex.getHeaders().getFirst("X-Reason")).isEqualTo("no such person");
				assertThat(ex.getResponseBodyAsString()).isEqualTo("{\"missing\":404}");
				assertThat(ex.getRequest().getURI().getPath()).isEqualTo("/people/404");
				assertThat(callerFrames(ex)).anySatisfy((frame) -> assertThat(frame.getMethodName())
					.isEqualTo("notFoundIsTheStandardExceptionWithStatusHeadersBodyAndCallerFrames"));
			});
	}

	static Stream<Arguments> errorStatuses() {
		return Stream.of(Arguments.of(400, WebClientResponseException.BadRequest.class),
				Arguments.of(401, WebClientResponseException.Unauthorized.class),
				Arguments.of(403, WebClientResponseException.Forbidden.class),
				Arguments.of(409, WebClientResponseException.Conflict.class),
				Arguments.of(429, WebClientResponseException.TooManyRequests.class),
				Arguments.of(500, WebClientResponseException.InternalServerError.class),
				Arguments.of(502, WebClientResponseException.BadGateway.class),
				Arguments.of(503, WebClientResponseException.ServiceUnavailable.class),
				Arguments.of(504, WebClientResponseException.GatewayTimeout.class));
	}

	@ParameterizedTest
	@MethodSource("errorStatuses")
	void errorStatusesBecomeTheMatchingException(int status, Class<? extends WebClientResponseException> type) {
		assertThatExceptionOfType(type).isThrownBy(() -> client.get().uri("/status/{code}", status).retrieve().body(String.class))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(status);
				assertThat(ex.getHeaders().getFirst("X-Status")).isEqualTo(String.valueOf(status));
				assertThat(ex.getResponseBodyAsString()).isEqualTo("status " + status);
			});
	}

	@Test
	void toBodilessEntityThrowsForErrorStatusToo() {
		assertThatExceptionOfType(WebClientResponseException.ServiceUnavailable.class)
			.isThrownBy(() -> client.delete().uri("/status/503").retrieve().toBodilessEntity());
	}

	@Test
	void connectionRefusedIsWebClientRequestException() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		BlockingWebClient refused = BlockingWebClient.create("http://127.0.0.1:" + closedPort);
		assertThatExceptionOfType(WebClientRequestException.class)
			.isThrownBy(() -> refused.get().uri("/anything").retrieve().body(String.class))
			.satisfies((ex) -> assertThat(callerFrames(ex)).anySatisfy((frame) -> assertThat(frame.getMethodName())
				.isEqualTo("connectionRefusedIsWebClientRequestException")));
		assertThatExceptionOfType(WebClientRequestException.class)
			.isThrownBy(() -> refused.get().uri("/anything").exchange((request, response) -> response.statusCode()));
	}

	@Test
	void onStatusHandlerThrowsItsOwnExceptionAndCanReadTheBody() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> client.get()
				.uri("/status/409")
				.retrieve()
				.onStatus((status) -> status.value() == 409, (request, response) -> {
					throw new IllegalStateException(
							"conflict: " + response.bodyTo(String.class) + " on " + request.getURI().getPath());
				})
				.body(String.class))
			.withMessage("conflict: status 409 on /status/409");
	}

	@Test
	void onStatusHandlerThatReturnsMakesTheResponseANormalOne() {
		String body = client.get()
			.uri("/status/404")
			.retrieve()
			.onStatus(HttpStatus.NOT_FOUND::equals, (request, response) -> {
			})
			.body(String.class);
		assertThat(body).isEqualTo("status 404");
	}

	@Test
	void exchangeRunsOnTheCallingThreadAndDecidesByStatus() {
		AtomicReference<Thread> handlerThread = new AtomicReference<>();
		Person found = client.get().uri("/people/8").exchange((request, response) -> {
			handlerThread.set(Thread.currentThread());
			return response.statusCode().is2xxSuccessful() ? response.bodyTo(Person.class) : null;
		});
		assertThat(found).isEqualTo(new Person(8, "Ada"));
		assertThat(handlerThread.get()).isSameAs(Thread.currentThread());
		WebClientResponseException missing = client.get()
			.uri("/people/404")
			.exchange((request, response) -> response.createException());
		assertThat(missing).isInstanceOf(WebClientResponseException.NotFound.class);
		assertThat(missing.getResponseBodyAsString()).isEqualTo("{\"missing\":404}");
		ResponseEntity<Person> entity = client.get().uri("/people/9").exchange((request, response) -> response.toEntity(Person.class));
		assertThat(entity.getBody()).isEqualTo(new Person(9, "Ada"));
	}

	@Test
	void ndjsonStreamDeliversElementsAndClosingCancelsTheResponse() {
		int cancelledBefore = peer.streamsCancelled();
		try (Stream<Number> numbers = client.get().uri("/numbers").retrieve().bodyStream(Number.class)) {
			assertThat(numbers.limit(5).map(Number::n).toList()).containsExactly(0L, 1L, 2L, 3L, 4L);
		}
		await().until(() -> peer.streamsCancelled() == cancelledBefore + 1);
	}

	@Test
	void serverSentEventsStream() {
		int cancelledBefore = peer.streamsCancelled();
		try (Stream<ServerSentEvent<Number>> events = client.get()
			.uri("/events")
			.retrieve()
			.bodyStream(new ParameterizedTypeReference<ServerSentEvent<Number>>() {
			})) {
			List<ServerSentEvent<Number>> firstThree = events.limit(3).toList();
			assertThat(firstThree).extracting(ServerSentEvent::event).containsOnly("number");
			assertThat(firstThree).extracting((event) -> event.data().n()).containsExactly(0L, 1L, 2L);
		}
		await().until(() -> peer.streamsCancelled() == cancelledBefore + 1);
	}

	@Test
	void bridgeScopeContextReachesTheWebClientFilters() {
		assertThat(client.get().uri("/header/X-Tenant").retrieve().body(String.class)).isEqualTo("none");
		try (BridgeScope scope = BridgeScope.open(Context.of("tenant", "acme"))) {
			assertThat(client.get().uri("/header/X-Tenant").retrieve().body(String.class)).isEqualTo("acme");
			String viaExchange = client.get()
				.uri("/header/X-Tenant")
				.exchange((request, response) -> response.bodyTo(String.class));
			assertThat(viaExchange).isEqualTo("acme");
			try (Stream<String> lines = client.get().uri("/header/X-Tenant").retrieve().bodyStream(String.class)) {
				assertThat(lines.toList()).containsExactly("acme");
			}
		}
	}

	@Test
	void useOnAnEventLoopFailsFast() {
		Mono<String> onNonBlockingThread = Mono
			.fromCallable(() -> client.get().uri("/people/1").retrieve().body(String.class))
			.subscribeOn(Schedulers.parallel());
		assertThatExceptionOfType(BridgeUsageException.class).isThrownBy(onNonBlockingThread::block)
			.withMessageContaining("@BlockingStyle");
	}

	@Test
	void mutateKeepsSettingsAndAddsNew() {
		BlockingWebClient mutated = client.mutate().defaultHeader("X-Extra", "extra").build();
		assertThat(mutated.get().uri("/header/X-Extra").retrieve().body(String.class)).isEqualTo("extra");
		assertThat(client.get().uri("/header/X-Extra").retrieve().body(String.class)).isEqualTo("null");
	}

	private static List<StackTraceElement> callerFrames(Throwable ex) {
		return Arrays.stream(ex.getSuppressed()).flatMap((suppressed) -> Arrays.stream(suppressed.getStackTrace())).toList();
	}

}
