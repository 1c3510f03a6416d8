package io.blockingbridge.sample;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders sent to a kitchen (a real HTTP server of the test's, {@code kitchen.url}) that answers
 * anything but {@code 201 {"mins": N}}: each order fails with {@code 502} and is stored failed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class UnexpectedKitchenAnswerTests {


	private static final AtomicReference<BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>>> kitchen = new AtomicReference<>();

	private static final DisposableServer kitchenServer = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.route((routes) -> routes.post("/kitchen/orders",
				(request, response) -> request.receive().then(Mono.defer(() -> Mono.from(kitchen.get().apply(request, response))))))
		.bindNow(Duration.ofSeconds(10));

	@Autowired
	WebTestClient client;

	@Autowired
	BlockingDatabaseClient database;

	@DynamicPropertySource
	static void kitchenUrl(DynamicPropertyRegistry properties) {
		properties.add("kitchen.url", () -> "http://127.0.0.1:" + kitchenServer.port());
	}

	@AfterAll
	static void stopKitchen() {
		kitchenServer.disposeNow();
	}

	@Test
	void createdWithoutMinutes() {
		kitchenAnswers(201, "{\"eta\": 20}");
		assertFails("the kitchen answered 201 without a whole number of minutes: {eta=20}");
	}

	@Test
	void createdWithMinutesThatAreNotANumber() {
		kitchenAnswers(201, "{\"mins\": \"soon\"}");
		assertFails("the kitchen answered 201 without a whole number of minutes: {mins=soon}");
	}

	@Test
	void createdWithABodyThatIsNotJson() {
		kitchen.set((request, response) -> response.status(201)
			.header("Content-Type", "application/json")
			.sendString(Mono.just("<html>cooking</html>")));
		assertFails("the kitchen's answer was not a JSON object");
	}

	@Test
	void okInsteadOfCreated() {
		kitchenAnswers(200, "{\"mins\": 20}");
		assertFails("the kitchen answered 200 OK");
	}

	@Test
	void connectionClosedWithoutAnAnswer() {
		kitchen.set((request, response) -> response.withConnection((connection) -> connection.channel().close()).then(Mono.never()));
		assertFails("the kitchen could not be reached");
	}

	private static void kitchenAnswers(int status, String json) {
		kitchen.set((request, response) -> response.status(status)
			.header("Content-Type", "application/json")
			.sendString(Mono.just(json)));
	}

	private void assertFails(String reason) {
		Map<String, Object> problem = OrderRequests.placeRejectedOrder(this.client, "ada", "soup");
		assertThat((String) problem.get("detail")).contains(reason);
		StoredOrder stored = StoredOrder.read(this.database, OrderRequests.orderId(problem));
		assertThat(stored.status()).isEqualTo("FAILED");
		assertThat(stored.failure()).startsWith(reason);
	}

}
