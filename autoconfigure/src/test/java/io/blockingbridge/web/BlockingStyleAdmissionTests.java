package io.blockingbridge.web;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.blockingbridge.core.Bridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admission limit {@code bridge.web.max-concurrent-requests} on a real server: blocking-style
 * controller methods and handler functions share it, a request beyond it is refused at once with a
 * 503 problem detail, and every way a request ends gives its permit back.
 */
@SpringBootTest(classes = BlockingStyleAdmissionTests.AdmissionApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.enabled=true", "bridge.web.all-non-reactive=true",
				"bridge.web.max-concurrent-requests=2", "bridge.web.retry-after=3s" })
@AutoConfigureWebTestClient
class BlockingStyleAdmissionTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private Gate gate;

	@Autowired
	private BlockingStyleAdmission admission;

	@LocalServerPort
	private int port;

	private final List<Socket> sockets = new ArrayList<>();

	@BeforeEach
	void resetGate() {
		this.gate.reset(2);
	}

	@AfterEach
	void closeSockets() throws Exception {
		this.gate.open();
		for (Socket socket : this.sockets) {
			socket.close();
		}
		// the next test starts with every permit back, however slowly the requests of this one end
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (this.admission.availablePermits() < 2 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(this.admission.availablePermits()).as("permits back after the test").isEqualTo(2);
	}

	@Test
	void requestBeyondTheLimitIsRefusedAtOnceWithAProblemDetailAndAdmittedAfterTheOthersEnd() throws Exception {
		WebClient webClient = WebClient.create("http://127.0.0.1:" + this.port);
		CompletableFuture<String> first = webClient.get().uri("/admission/hang").retrieve().bodyToMono(String.class).toFuture();
		CompletableFuture<String> second = webClient.get().uri("/functional/hang").retrieve().bodyToMono(String.class).toFuture();
		assertThat(this.gate.started.await(10, TimeUnit.SECONDS)).as("both requests started").isTrue();

		assertRefused("/admission/quick");
		assertRefused("/functional/quick");
		assertThat(this.gate.quickCalls).as("refused requests never reach a handler").hasValue(0);

		this.gate.open();
		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("opened");
		assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("opened");
		this.client.get().uri("/admission/quick").exchange().expectStatus().isOk();
		this.client.get().uri("/functional/quick").exchange().expectStatus().isOk();
		assertThat(this.gate.quickCalls).hasValue(2);
	}

	@Test
	void requestsWaitingForTheirBodiesHoldNoPermit() throws Exception {
		this.gate.reset(2);
		stallHalfwayThroughBody("/admission/echo");
		stallHalfwayThroughBody("/admission/echo");
		stallHalfwayThroughBody("/functional/echo");
		assertThat(this.gate.bodiesRead.await(10, TimeUnit.SECONDS)).as("the three stalled bodies are being read").isTrue();

		this.client.get().uri("/admission/quick").exchange().expectStatus().isOk();
		this.client.get().uri("/functional/quick").exchange().expectStatus().isOk();
		this.client.post().uri("/admission/echo").contentType(MediaType.TEXT_PLAIN).bodyValue("whole body")
			.exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("echo: whole body");
		this.client.post().uri("/functional/echo").contentType(MediaType.TEXT_PLAIN).bodyValue("whole body")
			.exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("echo: whole body");

		hangOnRawSocket("/admission/hang");
		hangOnRawSocket("/functional/hang");
		assertThat(this.gate.started.await(10, TimeUnit.SECONDS)).as("both requests started").isTrue();
		assertRefused("/admission/quick");
		this.client.post().uri("/functional/echo").contentType(MediaType.TEXT_PLAIN).bodyValue("whole body")
			.exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "3")
			.expectBody().jsonPath("$.status").isEqualTo(503);
		this.client.post().uri("/admission/echo").contentType(MediaType.TEXT_PLAIN).bodyValue("whole body")
			.exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "3")
			.expectBody().jsonPath("$.status").isEqualTo(503);
		assertThat(this.gate.quickCalls).as("refused requests never reach a handler").hasValue(4);
	}

	@Test
	void formBodiesAreStillBoundFromTheExchange() {
		this.client.post().uri("/admission/form").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("name=bridge&size=2")
			.exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("bridge 2");
	}

	@Test
	void failedRequestsGiveTheirPermitBack() {
		for (int i = 0; i < 5; i++) {
			this.client.get().uri("/admission/fail").exchange().expectStatus().is5xxServerError();
		}
		this.client.get().uri("/admission/quick").exchange().expectStatus().isOk();
	}

	@Test
	void disconnectedClientsGiveTheirPermitBack() throws Exception {
		hangOnRawSocket("/admission/hang");
		hangOnRawSocket("/functional/hang");
		assertThat(this.gate.started.await(10, TimeUnit.SECONDS)).as("both requests started").isTrue();
		assertRefused("/admission/quick");

		for (Socket socket : this.sockets) {
			socket.close();
		}
		assertThat(this.gate.cancelled.await(10, TimeUnit.SECONDS)).as("both awaits cancelled").isTrue();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
				this.client.get().uri("/admission/quick").exchange().expectStatus().isOk());
		this.client.get().uri("/functional/quick").exchange().expectStatus().isOk();
	}

	@Test
	void requestsThatAreNotBlockingStyleAreNotCounted() throws Exception {
		hangOnRawSocket("/admission/hang");
		hangOnRawSocket("/admission/hang");
		assertThat(this.gate.started.await(10, TimeUnit.SECONDS)).as("both requests started").isTrue();
		assertRefused("/admission/quick");

		this.client.get().uri("/admission/reactive").exchange().expectStatus().isOk();
		this.client.method(HttpMethod.OPTIONS).uri("/admission/quick").exchange().expectStatus().isOk()
			.expectHeader().value(HttpHeaders.ALLOW, (allow) -> assertThat(allow).contains("GET"));
	}

	private void assertRefused(String path) {
		this.client.get().uri(path).exchange()
			.expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "3")
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(503)
			.jsonPath("$.title").isEqualTo("Too many concurrent requests")
			.jsonPath("$.detail").value((detail) -> assertThat((String) detail).contains("bridge.web.max-concurrent-requests"));
	}

	private void hangOnRawSocket(String path) throws Exception {
		Socket socket = new Socket("127.0.0.1", this.port);
		this.sockets.add(socket);
		OutputStream out = socket.getOutputStream();
		out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	private void stallHalfwayThroughBody(String path) throws Exception {
		Socket socket = new Socket("127.0.0.1", this.port);
		this.sockets.add(socket);
		OutputStream out = socket.getOutputStream();
		out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
				+ "Content-Length: 20\r\n\r\nhalf body").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	/** Holds hanging requests until opened, counting what they did. */
	static class Gate {

		volatile CountDownLatch started = new CountDownLatch(2);

		volatile CountDownLatch cancelled = new CountDownLatch(2);

		volatile Sinks.Empty<Void> opened = Sinks.empty();

		volatile CountDownLatch bodiesRead = new CountDownLatch(3);

		final AtomicInteger quickCalls = new AtomicInteger();

		void reset(int hanging) {
			this.bodiesRead = new CountDownLatch(3);
			this.started = new CountDownLatch(hanging);
			this.cancelled = new CountDownLatch(hanging);
			this.opened = Sinks.empty();
			this.quickCalls.set(0);
		}

		void open() {
			this.opened.tryEmitEmpty();
		}

		String pass() {
			CountDownLatch cancelled = this.cancelled;
			Bridge.await(this.opened.asMono().doOnSubscribe((subscription) -> this.started.countDown())
				.doOnCancel(cancelled::countDown), Duration.ofSeconds(60));
			return "opened";
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(AdmissionController.class)
	static class AdmissionApplication {

		@Bean
		Gate gate() {
			return new Gate();
		}

		@Bean
		WebFilter bodyReadCounter(Gate gate) {
			return (exchange, chain) -> {
				if (exchange.getRequest().getMethod() != HttpMethod.POST) {
					return chain.filter(exchange);
				}
				ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {

					@Override
					public Flux<DataBuffer> getBody() {
						return super.getBody().doOnSubscribe((subscription) -> gate.bodiesRead.countDown());
					}

				};
				return chain.filter(exchange.mutate().request(counted).build());
			};
		}

		@Bean
		RouterFunction<ServerResponse> functionalRoutes(Gate gate) {
			return RouterFunctions.route()
				.GET("/functional/hang", BlockingHandlers.of((request) -> ServerResponse.ok().bodyValue(gate.pass())))
				.POST("/functional/echo", BlockingHandlers.of((request) -> {
					gate.quickCalls.incrementAndGet();
					return ServerResponse.ok().bodyValue("echo: " + Bridge.await(request.bodyToMono(String.class)));
				}))
				.GET("/functional/quick", BlockingHandlers.of((request) -> {
					gate.quickCalls.incrementAndGet();
					return ServerResponse.ok().bodyValue("quick");
				}))
				.build();
		}

	}

	record FormValues(String name, int size) {
	}

	@RestController
	static class AdmissionController {

		private final Gate gate;

		AdmissionController(Gate gate) {
			this.gate = gate;
		}

		@GetMapping("/admission/hang")
		String hang() {
			return this.gate.pass();
		}

		@GetMapping("/admission/quick")
		String quick() {
			this.gate.quickCalls.incrementAndGet();
			return "quick";
		}

		@PostMapping("/admission/echo")
		String echo(@RequestBody String body) {
			this.gate.quickCalls.incrementAndGet();
			return "echo: " + body;
		}

		@PostMapping("/admission/form")
		String form(@ModelAttribute FormValues values) {
			return values.name() + " " + values.size();
		}

		@GetMapping("/admission/fail")
		String fail() {
			throw new IllegalStateException("Failing on purpose");
		}

		@GetMapping("/admission/reactive")
		Mono<String> reactive() {
			return Mono.just("reactive");
		}

	}

}
