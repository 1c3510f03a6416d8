package io.blockingbridge.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.blockingbridge.core.BridgeInterruptedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of {@link BlockingStyle} controllers and {@link BlockingHandlers} on a real server.
 */
@SpringBootTest(classes = BlockingStyleTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.enabled=true", "bridge.timeout=2s", "spring.webflux.problemdetails.enabled=true" })
@AutoConfigureWebTestClient
class BlockingStyleControllerTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private WebTestClient client;

	@Autowired
	private BlockingStyleTestApplication.Probe probe;

	@LocalServerPort
	private int port;

	@BeforeEach
	void resetProbe() {
		this.probe.reset();
	}

	@Test
	void annotatedMethodRunsOnAVirtualThreadOfItsOwn() {
		Map<String, Object> body = getJson("/probe/thread");
		assertThat(body).containsEntry("virtual", true);
		assertThat((String) body.get("name")).startsWith("bridge-request-");
	}

	@Test
	void unannotatedMethodStaysOnTheEventLoop() {
		assertThat(getJson("/probe/unannotated")).containsEntry("virtual", false);
	}

	@Test
	void requestContextIsVisibleToTheScopeToAwaitedPublishersAndToThreadLocals() {
		Map<String, Object> body = this.client.get().uri("/probe/context").header("X-Tenant", "acme").exchange()
			.expectStatus().isOk().expectBody(JSON_MAP).returnResult().getResponseBody();
		assertThat(body).containsEntry("scope", "acme").containsEntry("await", "acme").containsEntry("threadLocal", "acme");
	}

	@Test
	void threadLocalsAreClearedAfterTheRequest() {
		this.client.get().uri("/probe/context").header("X-Tenant", "first").exchange().expectStatus().isOk();
		Map<String, Object> body = this.client.get().uri("/probe/context").exchange()
			.expectStatus().isOk().expectBody(JSON_MAP).returnResult().getResponseBody();
		assertThat(body).containsEntry("scope", "none").containsEntry("threadLocal", "null");
	}

	@Test
	void argumentsResolveAsInAnyController() {
		Map<String, Object> body = this.client.get().uri("/probe/arguments/7?q=pizza").header("X-Trace", "t-1")
			.cookie("session", "s-9").exchange().expectStatus().isOk().expectBody(JSON_MAP).returnResult()
			.getResponseBody();
		assertThat(body).containsEntry("id", "7").containsEntry("q", "pizza").containsEntry("trace", "t-1")
			.containsEntry("session", "s-9").containsEntry("exchangePath", "/probe/arguments/7")
			.containsEntry("requestMethod", "GET").containsEntry("principal", "alice");
	}

	@Test
	void requestBodyIsDecodedAndResponseEntityReturned() {
		this.client.post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"customer\":\"ann\",\"quantity\":2}").exchange()
			.expectStatus().isCreated()
			.expectHeader().valueEquals("X-Virtual", "true")
			.expectBody().jsonPath("$.customer").isEqualTo("ann").jsonPath("$.quantity").isEqualTo(2);
	}

	@Test
	void invalidBodyAnswers400WithAProblemDetail() {
		this.client.post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"customer\":\"\",\"quantity\":0}").exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.status").isEqualTo(400);
	}

	@Test
	void malformedJsonAnswers400() {
		this.client.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"customer\":").exchange()
			.expectStatus().isBadRequest();
	}

	@Test
	void pojoStringVoidAndProblemDetailReturnsAreRendered() {
		this.client.get().uri("/orders/5?quantity=3").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.customer").isEqualTo("customer-5").jsonPath("$.quantity").isEqualTo(3);
		this.client.get().uri("/probe/text").exchange().expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
			.expectBody(String.class).isEqualTo("plain true");
		this.client.post().uri("/orders/5/cancel").exchange().expectStatus().isAccepted().expectBody().isEmpty();
		this.client.get().uri("/orders/problem").exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.title").isEqualTo("Locked").jsonPath("$.detail").isEqualTo("Order is locked");
	}

	@Test
	void contentNegotiationRefusesUnproducibleMediaTypes() {
		this.client.get().uri("/probe/text").accept(MediaType.APPLICATION_PDF).exchange()
			.expectStatus().isEqualTo(HttpStatus.NOT_ACCEPTABLE);
	}

	@Test
	void controllerExceptionHandlerRuns() {
		this.client.get().uri("/orders/404").exchange().expectStatus().isNotFound()
			.expectBody().jsonPath("$.detail").isEqualTo("No order 404");
	}

	@Test
	void controllerAdviceRunsForExceptionsThrownByTheMethod() {
		this.client.get().uri("/orders/400").exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").isEqualTo("Order id 400 is reserved");
	}

	@Test
	void exceptionSignalledByAnAwaitedPublisherArrivesUnwrappedWithTheCallersFrames() {
		this.client.get().uri("/probe/unwrapped").exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").isEqualTo("Quantity must be positive").jsonPath("$.suppressed").isEqualTo(1);
	}

	@Test
	void awaitThatOutlivesTheTimeoutAnswers504() {
		this.client.get().uri("/probe/timeout").exchange().expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
	}

	@Test
	void awaitOnTheEventLoopFailsAtOnceWithAnExplanation() {
		Map<String, Object> body = getJson("/reactive/await");
		assertThat(body).containsEntry("outcome", "BridgeUsageException");
		assertThat((String) body.get("thread")).containsAnyOf("reactor-http", "webflux-http");
		assertThat((String) body.get("message")).contains("@BlockingStyle", "bridge.enabled", "Bridge.spawn");
		System.out.println("MEASURED: await on event loop failed after " + body.get("micros") + " us");
	}

	@Test
	void clientDisconnectInterruptsTheMethodAndCancelsItsAwait() throws Exception {
		assertDisconnectStopsHandler("/probe/hang");
	}

	@Test
	void handlerFunctionRunsOnAVirtualThreadWithTheRequestContext() {
		Map<String, Object> body = this.client.get().uri("/functional/thread").header("X-Tenant", "acme").exchange()
			.expectStatus().isOk().expectBody(JSON_MAP).returnResult().getResponseBody();
		assertThat(body).containsEntry("virtual", true).containsEntry("tenant", "acme");
	}

	@Test
	void clientDisconnectStopsAHandlerFunction() throws Exception {
		assertDisconnectStopsHandler("/functional/hang");
	}

	private void assertDisconnectStopsHandler(String path) throws IOException, InterruptedException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(this.probe.started.await(10, TimeUnit.SECONDS)).as("handler started").isTrue();
		}
		long closedAt = System.nanoTime();
		assertThat(this.probe.cancelled.await(10, TimeUnit.SECONDS)).as("awaited publisher cancelled").isTrue();
		long cancelMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAt);
		assertThat(this.probe.ended.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.probe.ranOn).as("method ran on after the disconnect").isFalse();
		assertThat(this.probe.thrown.get()).isInstanceOf(BridgeInterruptedException.class);
		System.out.println("MEASURED: " + path + " cancelled " + cancelMillis + " ms after the client disconnected");
	}

	private Map<String, Object> getJson(String path) {
		Map<String, Object> body = this.client.get().uri(path).exchange().expectStatus().isOk().expectBody(JSON_MAP)
			.returnResult().getResponseBody();
		assertThat(body).isNotNull();
		return body;
	}


}
