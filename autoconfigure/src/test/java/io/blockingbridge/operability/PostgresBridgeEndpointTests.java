package io.blockingbridge.operability;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.blockingbridge.testsupport.R2dbcTestProperties;
import io.blockingbridge.testsupport.RequiresDatabase;
import io.blockingbridge.testsupport.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The actuator endpoint {@code bridge} shows a request that waits for PostgreSQL with the SQL it
 * awaits and the application's line that waits; once the client goes away the request is gone from
 * the list, and its await counts as cancelled.
 */
@RequiresDatabase(TestDatabase.POSTGRESQL)
@SpringBootTest(classes = OperabilityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.enabled=true", R2dbcTestProperties.POSTGRESQL_URL, R2dbcTestProperties.POOL_MAX_SIZE, R2dbcTestProperties.POOL_INITIAL_SIZE,
				R2dbcTestProperties.POOL_MAX_ACQUIRE_TIME, "management.endpoints.web.exposure.include=bridge" })
class PostgresBridgeEndpointTests {

	private static final Duration LIVENESS = Duration.ofSeconds(20);


	@Autowired
	private OperabilityTestApplication.Landmarks landmarks;

	@Autowired
	private MeterRegistry registry;

	@LocalServerPort
	private int port;

	private BridgeEndpointReader endpoint;

	@Test
	void listsARequestWaitingForTheDatabaseWithItsSqlUntilItsClientGoesAway() throws Exception {
		double cancelledBefore = cancelledAwaits();
		try (RawClient client = RawClient.get(this.port, "/ops/sql?customer=s3cr3t")) {
			assertThat(this.landmarks.started("sql").await(LIVENESS.toSeconds(), TimeUnit.SECONDS)).isTrue();
			Map<String, Object> request = await().atMost(LIVENESS)
				.until(() -> endpoint().listed("/ops/sql"), (listed) -> listed != null && listed.get("awaiting") != null);
			assertThat(request).containsEntry("method", "GET")
				.containsEntry("handler", "OperabilityController#sql")
				.containsEntry("awaiting", "select pg_sleep(30)");
			assertThat((String) request.get("thread")).matches("bridge-request-\\d+ GET /ops/sql");
			assertThat((String) request.get("waitingAt")).isEqualTo(OperabilityTestApplication.OperabilityController.class.getName()
					+ ".sql(OperabilityTestApplication.java:" + this.landmarks.lines.get("sql") + ")");
			assertThat(endpoint().json()).doesNotContain("s3cr3t");
			Thread.sleep(200);
			assertThat(((Number) endpoint().listed("/ops/sql").get("elapsedMillis")).longValue()).isGreaterThanOrEqualTo(200);
		}
		await().atMost(LIVENESS).until(() -> endpoint().listed("/ops/sql") == null);
		await().atMost(LIVENESS).untilAsserted(() -> assertThat(cancelledAwaits()).isEqualTo(cancelledBefore + 1));
	}

	private double cancelledAwaits() {
		Counter counter = this.registry.find("bridge.awaits").tag("outcome", "cancelled").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private BridgeEndpointReader endpoint() {
		if (this.endpoint == null) {
			this.endpoint = new BridgeEndpointReader(this.port, LIVENESS);
		}
		return this.endpoint;
	}

}
