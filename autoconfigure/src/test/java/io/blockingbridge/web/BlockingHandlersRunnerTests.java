package io.blockingbridge.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import io.blockingbridge.functional.BlockingHandlersTestApplication;
import io.blockingbridge.functional.BlockingHandlersTestApplication.Probe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link BlockingHandlers} functions on a real server run through the same runner as
 * {@code @BlockingStyle} methods: listed in the live view while they run, timed in
 * {@code bridge.requests} with their outcome, on a thread named after the request, within the
 * application's {@code bridge.timeout}, interrupted when their client goes away, and able to answer
 * with a {@code Stream} body pulled only as fast as the client reads and given up after
 * {@code bridge.web.stream-stall-timeout}.
 */
@SpringBootTest(classes = BlockingHandlersTestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.enabled=true", "bridge.timeout=1s", "management.endpoints.web.exposure.include=bridge" })
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BlockingHandlersRunnerTests {

	private static final Duration LIVENESS = Duration.ofSeconds(20);

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private Probe probe;

	@Autowired
	private MeterRegistry registry;

	@LocalServerPort
	private int port;

	@BeforeEach
	void reset() {
		this.probe.reset();
	}

	@Test
	void runsOnAThreadNamedAfterTheRequestAndIsTimedAsSuccess() throws Exception {
		long before = requests("GET /fn/ok", "success");
		assertThat(get("/fn/ok").body()).isEqualTo("ok");
		await().atMost(LIVENESS).untilAsserted(() -> assertThat(requests("GET /fn/ok", "success")).isEqualTo(before + 1));
		assertThat(get("/fn/thread/42?secret=s3cr3t").body()).matches("bridge-request-\\d+ GET /fn/thread/42");
		await().atMost(LIVENESS)
			.untilAsserted(() -> assertThat(requests("GET /fn/thread/{id}", "success")).isPositive());
	}

	@Test
	void isListedInTheLiveViewWhileItRunsAndItsClientsDisconnectInterruptsIt() throws Exception {
		long before = requests("GET /fn/hang", "cancelled");
		try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/fn/hang", 0)) {
			assertThat(this.probe.hangStarted.await(LIVENESS.toSeconds(), TimeUnit.SECONDS)).isTrue();
			Map<String, Object> listed = await().atMost(LIVENESS).until(() -> listed("/fn/hang"), (request) -> request != null);
			assertThat(listed).containsEntry("method", "GET")
				.containsEntry("handler", "GET /fn/hang")
				.containsEntry("awaiting", "the kitchen's answer");
			assertThat((String) listed.get("thread")).matches("bridge-request-\\d+ GET /fn/hang");
			assertThat((String) listed.get("waitingAt")).startsWith(BlockingHandlersTestApplication.class.getName());
			assertThat(this.probe.hangInterrupted.getCount()).as("interrupted while the client is there").isEqualTo(1);
		}
		assertThat(this.probe.hangInterrupted.await(LIVENESS.toSeconds(), TimeUnit.SECONDS))
			.as("the handler's await interrupted after the client went away").isTrue();
		await().atMost(LIVENESS).until(() -> listed("/fn/hang") == null);
		await().atMost(LIVENESS).untilAsserted(() -> assertThat(requests("GET /fn/hang", "cancelled")).isEqualTo(before + 1));
	}

	@Test
	void awaitOutlivingTheBridgeTimeoutAnswers504AndIsTimedAsTimeout() throws Exception {
		long before = requests("GET /fn/never", "timeout");
		long start = System.nanoTime();
		HttpResponse<String> response = get("/fn/never");
		long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
		assertThat(response.body()).contains("504");
		assertThat(tookMillis).as("answered after bridge.timeout=1s, well before the 30 s default").isLessThan(15_000);
		await().atMost(LIVENESS).untilAsserted(() -> assertThat(requests("GET /fn/never", "timeout")).isEqualTo(before + 1));
	}

	@Test
	void streamBodyIsWrittenAsItIsPulledOnTheRequestsThread() throws Exception {
		try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/fn/stream?rows=3", 0,
				"Accept: application/x-ndjson")) {
			exchange.readToEnd();
			assertThat(exchange.head()).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Type: application/x-ndjson");
			assertThat(exchange.endedProperly()).as("the body ends with its closing chunk").isTrue();
			List<String> lines = exchange.body().lines().toList();
			assertThat(lines).hasSize(3);
			assertThat(lines.get(0)).startsWith("{\"n\":1,\"thread\":\"bridge-request-").contains(" GET /fn/stream\"");
			assertThat(lines.get(2)).startsWith("{\"n\":3,");
		}
		assertThat(this.probe.closed.await(10, TimeUnit.SECONDS)).as("stream closed").isTrue();
		await().atMost(LIVENESS).untilAsserted(() -> assertThat(requests("GET /fn/stream", "success")).isPositive());
	}

	@Test
	void slowClientHoldsTheStreamBackAndItsDisconnectClosesTheStream() throws Exception {
		long before = requests("GET /fn/stream", "cancelled");
		try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/fn/stream?rows=5000", 8192,
				"Accept: application/x-ndjson")) {
			int produced = awaitProductionStops();
			assertThat(produced).as("rows of 16 KB pulled for a client that reads nothing (of 5000)")
				.isPositive()
				.isLessThan(1000);
			// Held back, not dead: when the client reads on, the rows come.
			exchange.readUntil("{\"n\":" + (produced + 50) + ",");
		}
		assertThat(this.probe.closed.await(10, TimeUnit.SECONDS)).as("stream closed after the disconnect").isTrue();
		Thread producer = this.probe.producer.get();
		assertThat(producer).isNotNull();
		assertThat(producer.join(Duration.ofSeconds(10))).as("producing thread ended").isTrue();
		await().atMost(LIVENESS).untilAsserted(() -> assertThat(requests("GET /fn/stream", "cancelled")).isEqualTo(before + 1));
	}

	@Nested
	@TestPropertySource(properties = "bridge.web.stream-stall-timeout=1s")
	class WithStallTimeout {

		@Test
		void aClientThatStopsReadingHasItsStreamAndConnectionClosedAfterTheStallTimeout() throws Exception {
			long before = requests("GET /fn/stream", "timeout");
			try (RawHttpExchange exchange = RawHttpExchange.get(BlockingHandlersRunnerTests.this.port,
					"/fn/stream?rows=100000", 4096, "Accept: application/x-ndjson")) {
				exchange.readUntil("\r\n\r\n");
				exchange.readAtLeast(2048);
				// The client reads no more: after the stall timeout (not the 30 s default) the stream is closed.
				assertThat(BlockingHandlersRunnerTests.this.probe.closed.await(10, TimeUnit.SECONDS))
					.as("the stream closed within the stall timeout and a margin").isTrue();
				exchange.readToEnd();
				assertThat(exchange.closedByServer()).as("connection closed by the server").isTrue();
				assertThat(exchange.endedProperly()).as("a broken-off body, no closing chunk").isFalse();
			}
			await().atMost(LIVENESS)
				.untilAsserted(() -> assertThat(requests("GET /fn/stream", "timeout")).isEqualTo(before + 1));
		}

	}

	/** Wait until the producer stops pulling (no new row for two seconds); return the count. */
	private int awaitProductionStops() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		int last = -1;
		int stableRounds = 0;
		while (System.nanoTime() < deadline) {
			int now = this.probe.produced.get();
			if (now >= 1000) {
				return now;
			}
			stableRounds = (now == last && now > 0) ? stableRounds + 1 : 0;
			if (stableRounds == 4) {
				return now;
			}
			last = now;
			Thread.sleep(500);
		}
		return this.probe.produced.get();
	}

	private long requests(String handler, String outcome) {
		Timer timer = this.registry.find("bridge.requests").tag("method", handler).tag("outcome", outcome).timer();
		return (timer != null) ? timer.count() : 0;
	}

	private @Nullable Map<String, Object> listed(String path) throws Exception {
		HttpResponse<String> response = get("/actuator/bridge");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		List<Map<String, Object>> requests = JsonPath.read(response.body(), "$.requests[?(@.path == '" + path + "')]");
		return requests.isEmpty() ? null : requests.get(0);
	}

	private HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(LIVENESS)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
