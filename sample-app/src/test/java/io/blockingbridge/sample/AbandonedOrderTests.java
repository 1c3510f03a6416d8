package io.blockingbridge.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

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
 * them), whether they close after their order was saved or at any moment from 50 to 200 ms.
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
				.send("POST /orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + Logins.authorization("grace") + "\r\nContent-Type: application/json\r\n"
						+ "Content-Length: " + json.length() + "\r\n\r\n" + json));
		}
		awaitOrders(before, "grace", CLIENTS);
		connections.forEach(RawHttp::close);

		List<Long> ids = idsAfter(before, "grace");
		assertThat(ids).hasSize(CLIENTS);
		for (long id : ids) {
			StoredOrder stored = Orders.awaitResolved(this.database, id);
			assertThat(stored.status()).as("order #" + id).isEqualTo("FAILED");
			assertThat(stored.failure()).startsWith("the order was abandoned");
			assertThat(Orders.kitchenState(this.client, id)).as("order #" + id + " at the kitchen").isEqualTo("CANCELLED");
		}
	}

	@Test
	void clientsClosingAtAnyMomentLeaveNothingPending() throws InterruptedException {
		long before = Orders.lastId(this.database);
		String json = "{\"customer\": \"alan\", \"items\": [\"tea\"]}";
		List<Thread> clients = new ArrayList<>();
		for (int i = 0; i < 3 * CLIENTS; i++) {
			long closeAfter = 50 + ThreadLocalRandom.current().nextLong(150);
			clients.add(Thread.ofVirtual().start(() -> {
				try (RawHttp connection = RawHttp.connect(this.port)) {
					connection.send("POST /orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + Logins.authorization("alan") + "\r\nContent-Type: application/json\r\n"
							+ "Content-Length: " + json.length() + "\r\n\r\n" + json);
					Thread.sleep(closeAfter);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
		}
		for (Thread client : clients) {
			client.join();
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (pendingAfter(before) > 0 && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(pendingAfter(before)).as("orders still PENDING").isZero();
		for (long id : idsAfter(before, "alan")) {
			assertThat(StoredOrder.read(this.database, id).status()).as("order #" + id).isEqualTo("FAILED");
			assertThat(Orders.kitchenState(this.client, id)).as("order #" + id + " at the kitchen").isEqualTo("CANCELLED");
		}
	}

	private List<Long> idsAfter(long id, String customer) {
		return this.database.sql("SELECT id FROM sample_orders WHERE id > :id AND customer = :customer ORDER BY id")
			.bind("id", id)
			.bind("customer", customer)
			.mapValue(Long.class)
			.all();
	}

	private long pendingAfter(long id) {
		return this.database.sql("SELECT COUNT(*) FROM sample_orders WHERE id > :id AND status = 'PENDING'")
			.bind("id", id)
			.mapValue(Long.class)
			.one()
			.orElseThrow();
	}

	private void awaitOrders(long before, String customer, int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (idsAfter(before, customer).size() < count) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("The orders were not saved within 20 s");
			}
			Thread.sleep(20);
		}
	}

}
