package io.blockingbridge.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that close their socket while the kitchen cooks (3 s): none of their orders stays
 * {@code PENDING}, each is stored {@code FAILED}, and the kitchen agrees (it was told to cancel
 * them). Then the application still accepts orders.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "kitchen.delay=3s", "kitchen.timeout=10s" })
@AutoConfigureWebTestClient(timeout = "PT30S")
class AbandonedOrderTests {

	private static final int CLIENTS = 10;

	@Autowired
	WebTestClient client;

	@Autowired
	BlockingDatabaseClient database;

	@LocalServerPort
	int port;

	@Test
	void abandonedOrdersAreFailedAndCancelledAtTheKitchen() throws InterruptedException {
		long before = Orders.lastId(this.database);
		List<RawHttp> connections = new ArrayList<>();
		String json = "{\"customer\": \"grace\", \"items\": [\"pancakes\"]}";
		for (int i = 0; i < CLIENTS; i++) {
			connections.add(RawHttp.connect(this.port)
				.send("POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Content-Length: " + json.length() + "\r\n\r\n" + json));
		}
		awaitOrders(before, CLIENTS);
		connections.forEach(RawHttp::close);

		for (long id = before + 1; id <= before + CLIENTS; id++) {
			StoredOrder stored = Orders.awaitResolved(this.database, id);
			assertThat(stored.status()).as("order #" + id).isEqualTo("FAILED");
			assertThat(stored.failure()).startsWith("the order was abandoned");
			assertThat(Orders.kitchenState(this.client, id)).as("order #" + id + " at the kitchen").isEqualTo("CANCELLED");
		}
		assertThat(Orders.countAfter(this.database, before)).isEqualTo(CLIENTS);
	}

	private void awaitOrders(long before, int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (Orders.countAfter(this.database, before) < count) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("The orders were not saved within 20 s");
			}
			Thread.sleep(20);
		}
	}

}
