package io.blockingbridge.sample;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that place an order with the right password and leave before the answer (the
 * reliability suite's storm) do not count as failed logins: afterwards their address and user name
 * still log in. (Abandoned orders counted as failures once, and every retry of the storm got
 * {@code 429}.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "kitchen.delay=2s")
class AbandonedRequestLoginTests {

	private static final String ADDRESS = "127.0.0.7";

	@LocalServerPort
	int port;

	@Test
	void ordersAbandonedByTheirClientsDoNotLockTheClientOut() throws Exception {
		List<Thread> clients = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			String order = "{\"customer\": \"ada\", \"items\": [\"tea\"]}";
			String request = "POST /orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + Logins.authorization("ada")
					+ "\r\nContent-Type: application/json\r\nIdempotency-Key: abandoned-" + i + "-" + System.nanoTime()
					+ "\r\nContent-Length: " + order.length() + "\r\n\r\n" + order;
			long leaveAfter = 50 + (i % 10) * 15;
			clients.add(Thread.ofVirtual().start(() -> {
				try (RawHttp connection = RawHttp.connectFrom(ADDRESS, this.port)) {
					connection.send(request);
					Thread.sleep(leaveAfter);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
		}
		for (Thread client : clients) {
			client.join();
		}
		Thread.sleep(3000);
		try (RawHttp connection = RawHttp.connectFrom(ADDRESS, this.port)) {
			connection.send("GET /orders?size=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
					+ Logins.authorization("ada") + "\r\n\r\n");
			assertThat(connection.response().status()).isEqualTo(200);
		}
	}

}
