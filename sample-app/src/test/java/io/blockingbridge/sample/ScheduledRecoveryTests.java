package io.blockingbridge.sample;

import java.time.Duration;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Recovery runs by itself while the application runs: a stale {@code PENDING} order is resolved
 * without anyone asking (pending-age 3 s, a pass every 500 ms). The context is closed afterwards, so
 * that its recovery does not resolve the orders of later tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "orders.recovery.enabled=true", "orders.recovery.pending-age=3s", "orders.recovery.interval=500ms", "kitchen.timeout=2s" })
@AutoConfigureWebTestClient(timeout = "PT20S")
@DirtiesContext
class ScheduledRecoveryTests {

	@Autowired
	WebTestClient client;

	@Autowired
	BlockingDatabaseClient database;

	@Test
	void stalePendingOrderIsResolvedWhileTheApplicationRuns() throws InterruptedException {
		long id = Orders.insertPending(this.database, "alan", Duration.ofMinutes(2));
		StoredOrder resolved = Orders.awaitResolved(this.database, id);
		assertThat(resolved.status()).isEqualTo("FAILED");
		assertThat(Orders.kitchenState(this.client, id)).isEqualTo("CANCELLED");
	}

	@Test
	void pendingAgeMustExceedTheKitchenTimeout() {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(SampleApplication.class)
				.run("--server.port=0", "--orders.recovery.pending-age=2s", "--kitchen.timeout=5s")
				.close())
			.withStackTraceContaining("orders.recovery.pending-age (PT2S) must be longer than kitchen.timeout (PT5S)");
	}

}
