package io.blockingbridge.sample;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.blockingbridge.sample.orders.OrderRecovery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery of orders left {@code PENDING} by a crash (rows inserted as a dead request would have
 * left them): each stale one is cancelled at the kitchen and stored {@code FAILED}, fresh ones are
 * left to their requests, and two recoverers racing resolve each order once. The scheduled passes
 * are off in the tests (test application.properties): the test runs them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT20S")
class OrderRecoveryTests {

	@Autowired
	WebTestClient client;

	@Autowired
	BlockingDatabaseClient database;

	@Autowired
	OrderRecovery recovery;

	@BeforeEach
	void recoverLeftovers() {
		// A persistent database may hold stale orders of earlier runs.
		while (this.recovery.recoverOnce() > 0) {
			// again
		}
	}

	@Test
	void staleOrderIsCancelledAtTheKitchenAndStoredFailed() {
		long stale = Orders.insertPending(this.database, "ada", Duration.ofMinutes(10));
		long fresh = Orders.insertPending(this.database, "ada", Duration.ZERO);

		assertThat(this.recovery.recoverOnce()).isEqualTo(1);

		StoredOrder resolved = StoredOrder.read(this.database, stale);
		assertThat(resolved.status()).isEqualTo("FAILED");
		assertThat(resolved.failure()).contains("cancelled by recovery");
		assertThat(Orders.kitchenState(this.client, stale)).isEqualTo("CANCELLED");
		Logins.as(this.client, "ada").get().uri("/orders/{id}", stale).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("FAILED");
		// The kitchen will not cook it even if its request arrives late.
		Logins.as(this.client, "kitchen").post().uri("/kitchen/orders").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("orderId", stale, "customer", "ada", "items", List.of("tea")))
			.exchange()
			.expectStatus().isEqualTo(409);

		assertThat(StoredOrder.read(this.database, fresh).status()).isEqualTo("PENDING");
		assertThat(Orders.kitchenState(this.client, fresh)).isEqualTo("UNKNOWN");
		this.database.sql("UPDATE sample_orders SET status = 'FAILED' WHERE id = :id").bind("id", fresh).fetch().rowsUpdated();
	}

	@Test
	void twoRecoverersRacingResolveEachOrderOnce() throws Exception {
		List<Long> stale = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			stale.add(Orders.insertPending(this.database, "grace", Duration.ofMinutes(5)));
		}
		CyclicBarrier start = new CyclicBarrier(2);
		try (ExecutorService recoverers = Executors.newFixedThreadPool(2)) {
			List<Future<Integer>> passes = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				passes.add(recoverers.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					return this.recovery.recoverOnce();
				}));
			}
			int resolved = 0;
			for (Future<Integer> pass : passes) {
				resolved += pass.get(60, TimeUnit.SECONDS);
			}
			assertThat(resolved).isEqualTo(20);
		}
		for (long id : stale) {
			assertThat(StoredOrder.read(this.database, id).status()).isEqualTo("FAILED");
			assertThat(Orders.kitchenState(this.client, id)).isEqualTo("CANCELLED");
		}
		assertThat(this.recovery.recoverOnce()).isZero();
	}

	@Test
	void staleIdempotencyKeyClaimsAreReleased() {
		this.database.sql("INSERT INTO sample_idempotency_keys (customer, idem_key, fingerprint, created_at) "
				+ "VALUES ('ada', :key, 'x', :createdAt)")
			.bind("key", "stale-claim-" + System.nanoTime())
			.bind("createdAt", OffsetDateTime.now().minusMinutes(10))
			.fetch()
			.rowsUpdated();
		this.recovery.recoverOnce();
		assertThat(this.database.sql("SELECT COUNT(*) FROM sample_idempotency_keys WHERE status_code IS NULL "
				+ "AND idem_key LIKE 'stale-claim-%'").mapValue(Long.class).one()).contains(0L);
	}

}
