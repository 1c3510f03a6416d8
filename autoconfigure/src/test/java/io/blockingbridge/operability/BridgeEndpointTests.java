package io.blockingbridge.operability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The actuator endpoint {@code bridge} on a real server lists the blocking-style requests that hang
 * in an await, with the application's frame that waits and what it awaits, and drops them once their
 * clients go away.
 */
@SpringBootTest(classes = OperabilityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.enabled=true", "management.endpoints.web.exposure.include=bridge" })
class BridgeEndpointTests {

	private static final Duration LIVENESS = Duration.ofSeconds(20);

	private static DisposableServer silentPeer;


	@Autowired
	private OperabilityTestApplication.Landmarks landmarks;

	@LocalServerPort
	private int port;

	private BridgeEndpointReader endpoint;

	@BeforeAll
	static void startSilentPeer() {
		silentPeer = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> Mono.never())
			.bindNow();
	}

	@AfterAll
	static void stopSilentPeer() {
		silentPeer.disposeNow();
	}

	@Test
	void listsARequestHangingInADescribedAwaitUntilItsClientGoesAway() throws Exception {
		try (RawClient client = RawClient.get(this.port, "/ops/hang?token=s3cr3t")) {
			assertThat(this.landmarks.started("hang").await(LIVENESS.toSeconds(), TimeUnit.SECONDS)).isTrue();
			Map<String, Object> request = awaitListed("/ops/hang");
			assertThat(request).containsEntry("method", "GET")
				.containsEntry("handler", "OperabilityController#hang")
				.containsEntry("awaiting", "the kitchen's answer");
			assertThat((String) request.get("thread")).matches("bridge-request-\\d+ GET /ops/hang");
			assertThat((String) request.get("waitingAt"))
				.isEqualTo(OperabilityTestApplication.OperabilityController.class.getName() + ".hang(OperabilityTestApplication.java:"
						+ this.landmarks.lines.get("hang") + ")");
			assertThat(((Number) request.get("elapsedMillis")).longValue()).isGreaterThanOrEqualTo(0);
			assertThat((String) request.get("startedAt")).isNotBlank();
			assertThat(endpoint().json()).doesNotContain("s3cr3t");
		}
		awaitNotListed("/ops/hang");
	}

	@Test
	void saysMonoForAPlainMonoAndListsTheOldestFirst() throws Exception {
		try (RawClient first = RawClient.get(this.port, "/ops/mono")) {
			assertThat(this.landmarks.started("mono").await(LIVENESS.toSeconds(), TimeUnit.SECONDS)).isTrue();
			awaitListed("/ops/mono");
			try (RawClient second = RawClient.get(this.port, "/ops/hang")) {
				awaitListed("/ops/hang");
				List<String> paths = JsonPath.read(endpoint().json(), "$.requests[*].path");
				assertThat(paths).containsExactly("/ops/mono", "/ops/hang");
				assertThat(JsonPath.<Integer>read(endpoint().json(), "$.count")).isEqualTo(2);
				Map<String, Object> mono = endpoint().listed("/ops/mono");
				assertThat(mono).containsEntry("awaiting", "Mono");
			}
		}
		awaitNotListed("/ops/mono");
		awaitNotListed("/ops/hang");
	}

	@Test
	void saysWhichHttpCallARequestAwaitsWithoutItsQueryString() throws Exception {
		String url = "http://127.0.0.1:" + silentPeer.port() + "/kitchen/orders/7?key=s3cr3t";
		try (RawClient client = RawClient.get(this.port, "/ops/http?url=" + java.net.URLEncoder.encode(url,
				java.nio.charset.StandardCharsets.UTF_8))) {
			assertThat(this.landmarks.started("http").await(LIVENESS.toSeconds(), TimeUnit.SECONDS)).isTrue();
			await().atMost(LIVENESS).untilAsserted(() -> assertThat(endpoint().listed("/ops/http")).containsEntry("awaiting",
					"GET http://127.0.0.1:" + silentPeer.port() + "/kitchen/orders/7"));
			assertThat((String) endpoint().listed("/ops/http").get("waitingAt"))
				.endsWith(".http(OperabilityTestApplication.java:" + this.landmarks.lines.get("http") + ")");
			assertThat(endpoint().json()).doesNotContain("s3cr3t");
		}
		awaitNotListed("/ops/http");
	}

	private Map<String, Object> awaitListed(String path) {
		return await().atMost(LIVENESS).until(() -> endpoint().listed(path), (request) -> request != null);
	}

	private void awaitNotListed(String path) {
		await().atMost(LIVENESS).until(() -> endpoint().listed(path) == null);
	}

	private BridgeEndpointReader endpoint() {
		if (this.endpoint == null) {
			this.endpoint = new BridgeEndpointReader(this.port, LIVENESS);
		}
		return this.endpoint;
	}

}
