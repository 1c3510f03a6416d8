package io.blockingbridge.operability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The metrics {@code bridge.requests}, {@code bridge.requests.active} and {@code bridge.awaits} move
 * as blocking-style requests on a real server succeed, fail, time out, are cancelled and are
 * interrupted; and request threads are named after the request they serve.
 */
@SpringBootTest(classes = OperabilityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.enabled=true", "bridge.timeout=2s",
				"management.endpoints.web.exposure.include=metrics,bridge" })
class BridgeMetricsTests {

	private static final Duration LIVENESS = Duration.ofSeconds(20);

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private MeterRegistry registry;

	@Autowired
	private OperabilityTestApplication.Landmarks landmarks;

	@LocalServerPort
	private int port;

	@Test
	void successfulRequestIsTimedAndItsAwaitCounted() throws Exception {
		double awaitsBefore = awaits("success");
		long before = requests("OperabilityController#ok", "success");
		assertThat(get("/ops/ok").body()).isEqualTo("ok");
		await().atMost(LIVENESS)
			.untilAsserted(() -> assertThat(requests("OperabilityController#ok", "success")).isEqualTo(before + 1));
		assertThat(awaits("success")).isGreaterThanOrEqualTo(awaitsBefore + 1);
	}

	@Test
	void failingRequestIsTimedAsErrorAndItsAwaitCountedAsError() throws Exception {
		double awaitsBefore = awaits("error");
		assertThat(get("/ops/fail").statusCode()).isEqualTo(500);
		await().atMost(LIVENESS).untilAsserted(() -> assertThat(requests("OperabilityController#fail", "error")).isEqualTo(1));
		assertThat(awaits("error")).isEqualTo(awaitsBefore + 1);
	}

	@Test
	void requestRunningPastTheBridgeTimeoutIsTimedAsTimeout() throws Exception {
		double awaitsBefore = awaits("timeout");
		assertThat(get("/ops/slow").statusCode()).isEqualTo(504);
		await().atMost(LIVENESS).untilAsserted(() -> assertThat(requests("OperabilityController#slow", "timeout")).isEqualTo(1));
		assertThat(awaits("timeout")).isEqualTo(awaitsBefore + 1);
	}

	@Test
	void requestWhoseClientGoesAwayIsActiveUntilThenAndTimedAsCancelled() throws Exception {
		double awaitsBefore = awaits("cancelled");
		try (RawClient client = RawClient.get(this.port, "/ops/hang")) {
			assertThat(this.landmarks.started("hang").await(LIVENESS.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(active()).isEqualTo(1);
		}
		await().atMost(LIVENESS).untilAsserted(() -> assertThat(requests("OperabilityController#hang", "cancelled")).isEqualTo(1));
		assertThat(active()).isZero();
		assertThat(awaits("cancelled")).isEqualTo(awaitsBefore + 1);
	}

	@Test
	void streamedAnswerIsTimedUntilItsEndWithHowTheStreamingEnded() throws Exception {
		assertThat(get("/ops/stream-ends").body()).contains("row 1").contains("row 2");
		await().atMost(LIVENESS)
			.untilAsserted(() -> assertThat(requests("OperabilityController#streamEnds", "success")).isEqualTo(1));
		try (RawClient client = RawClient.get(this.port, "/ops/stream-endless")) {
			assertThat(client.readUntil("row 1000", 1 << 20)).as("the endless stream is being written").isTrue();
			assertThat(active()).as("the streaming request is active while it streams").isEqualTo(1);
		}
		await().atMost(LIVENESS)
			.untilAsserted(() -> assertThat(requests("OperabilityController#streamEndless", "cancelled")).isEqualTo(1));
		assertThat(requests("OperabilityController#streamEndless", "success")).isZero();
		assertThat(active()).isZero();
		// failing after the first row, the answer ends without the end of its body
		assertThatThrownBy(() -> get("/ops/stream-fails")).isInstanceOf(java.io.IOException.class);
		await().atMost(LIVENESS)
			.untilAsserted(() -> assertThat(requests("OperabilityController#streamFails", "error")).isEqualTo(1));
		assertThat(requests("OperabilityController#streamFails", "success")).isZero();
	}

	@Test
	void awaitOfAnInterruptedThreadIsCountedAsInterrupted() throws Exception {
		double awaitsBefore = awaits("interrupted");
		assertThat(get("/ops/interrupted").body()).isEqualTo("interrupted");
		await().atMost(LIVENESS)
			.untilAsserted(() -> assertThat(requests("OperabilityController#interrupted", "success")).isEqualTo(1));
		assertThat(awaits("interrupted")).isEqualTo(awaitsBefore + 1);
	}

	@Test
	void metricsAreServedByTheActuator() throws Exception {
		get("/ops/ok");
		HttpResponse<String> response = get("/actuator/metrics/bridge.requests?tag=method:OperabilityController%23ok");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"name\":\"bridge.requests\"").contains("\"COUNT\"");
		assertThat(get("/actuator/metrics/bridge.awaits").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/metrics/bridge.requests.active").statusCode()).isEqualTo(200);
	}

	@Test
	void requestThreadIsNamedAfterTheRequestWithoutItsQueryString() throws Exception {
		String name = get("/ops/thread-name/42?secret=s3cr3t").body();
		assertThat(name).matches("bridge-request-\\d+ GET /ops/thread-name/42");
	}

	@Test
	void longPathIsCutInTheThreadName() throws Exception {
		String longId = "x".repeat(300);
		String name = get("/ops/thread-name/" + longId).body();
		assertThat(name).startsWith("bridge-request-").contains(" GET /ops/thread-name/xxx").endsWith("...");
		assertThat(name.substring(name.indexOf(' ') + 1)).hasSize("GET ".length() + 100);
	}

	private HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(LIVENESS)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private long requests(String method, String outcome) {
		Timer timer = this.registry.find("bridge.requests").tag("method", method).tag("outcome", outcome).timer();
		return (timer != null) ? timer.count() : 0;
	}

	private double awaits(String outcome) {
		Counter counter = this.registry.find("bridge.awaits").tag("outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double active() {
		Gauge gauge = this.registry.find("bridge.requests.active").gauge();
		assertThat(gauge).as("gauge bridge.requests.active").isNotNull();
		return gauge.value();
	}

}
