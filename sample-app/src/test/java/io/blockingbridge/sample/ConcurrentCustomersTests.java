package io.blockingbridge.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100 orders at once from 10 customers: the order flow reads the customer from
 * {@code SecurityContextHolder} (on a thread of its own, in a transaction), so each order must be
 * stored under the customer who sent it, sent to the kitchen for that customer, and announced only
 * on that customer's WebSocket. Every request checks a bcrypt hash (the customer's, and the
 * kitchen's for the kitchen call), some 200 checks of tens of milliseconds of CPU each, so on a small
 * machine the kitchen may take longer than its default 5 s to answer, and the 200 user lookups and
 * 300 order writes may wait longer than 2 s for a pooled connection: the test gives both 60 s (it
 * is about whose order is whose, not about overload, which answers 503).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "kitchen.timeout=60s", "orders.recovery.pending-age=2m", "spring.r2dbc.pool.max-acquire-time=60s" })
@AutoConfigureWebTestClient(timeout = "PT60S")
class ConcurrentCustomersTests {

	private static final int CUSTOMERS = 10;

	private static final int ORDERS_EACH = 10;

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	@Autowired
	WebTestClient client;

	@Autowired
	BlockingDatabaseClient database;

	@LocalServerPort
	int port;

	private final List<String> customers = new ArrayList<>(List.of("ada", "grace", "alan"));

	@BeforeEach
	void addCustomers() {
		String hash = null;
		for (int i = 1; this.customers.size() < CUSTOMERS; i++) {
			String name = "concurrent-" + i;
			this.customers.add(name);
			if (this.database.sql("SELECT COUNT(*) FROM sample_customers WHERE name = :name")
				.bind("name", name)
				.mapValue(Long.class)
				.one()
				.orElseThrow() == 0) {
				hash = (hash != null) ? hash : PasswordEncoderFactories.createDelegatingPasswordEncoder()
					.encode(Logins.password("concurrent"));
				this.database.sql("INSERT INTO sample_customers (name, full_name, password_hash) VALUES (:name, :name, :hash)")
					.bind("name", name)
					.bind("hash", hash)
					.fetch()
					.rowsUpdated();
			}
		}
	}

	@Test
	void everyOrderIsStoredSentAndAnnouncedForItsCaller() {
		List<NotificationListener> listeners = new ArrayList<>();
		try {
			for (String customer : this.customers) {
				listeners.add(NotificationListener.connect(this.port, customer, password(customer)));
			}
			WebClient http = WebClient.create("http://127.0.0.1:" + this.port);
			List<Mono<Map.Entry<String, Long>>> orders = new ArrayList<>();
			for (int i = 0; i < ORDERS_EACH; i++) {
				for (String customer : this.customers) {
					orders.add(http.post()
						.uri("/orders")
						.headers((headers) -> headers.setBasicAuth(customer, password(customer)))
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(Map.of("items", List.of("dish of " + customer)))
						.exchangeToMono((response) -> {
							assertThat(response.statusCode().value()).as("answer to " + customer).isEqualTo(201);
							assertThat(response.headers().asHttpHeaders().getLocation()).isNotNull();
							String location = response.headers().asHttpHeaders().getLocation().toString();
							return response.releaseBody()
								.thenReturn(Map.entry(customer, Long.parseLong(location.substring("/orders/".length()))));
						}));
				}
			}
			Map<String, List<Long>> placed = new ConcurrentHashMap<>();
			Flux.merge(orders)
				.doOnNext((order) -> placed.computeIfAbsent(order.getKey(), (name) -> new ArrayList<>()).add(order.getValue()))
				.blockLast(Duration.ofSeconds(120));
			assertThat(placed.values().stream().mapToInt(List::size).sum()).isEqualTo(CUSTOMERS * ORDERS_EACH);

			WebTestClient kitchen = Logins.as(this.client, "kitchen");
			for (Map.Entry<String, List<Long>> entry : placed.entrySet()) {
				String customer = entry.getKey();
				for (long id : entry.getValue()) {
					assertThat(StoredOrder.read(this.database, id).customer()).as("customer of order #" + id)
						.isEqualTo(customer);
					Map<String, Object> atKitchen = kitchen.get().uri("/kitchen/orders/{id}", id).exchange()
						.expectStatus().isOk()
						.expectBody(JSON_OBJECT)
						.returnResult()
						.getResponseBody();
					assertThat(atKitchen).as("order #" + id + " at the kitchen").containsEntry("customer", customer);
				}
			}
			for (int i = 0; i < this.customers.size(); i++) {
				String customer = this.customers.get(i);
				NotificationListener listener = listeners.get(i);
				Map<Long, String> announced = new HashMap<>();
				for (int n = 0; n < ORDERS_EACH; n++) {
					String message = listener.next();
					announced.put(Long.parseLong(message.replaceAll("^Order #(\\d+) .*$", "$1")), message);
				}
				assertThat(announced.keySet()).as("orders announced to " + customer)
					.containsExactlyInAnyOrderElementsOf(placed.get(customer));
				assertThat(listener.received()).as("further messages to " + customer).isEmpty();
			}
		}
		finally {
			listeners.forEach(NotificationListener::close);
		}
	}

	private static String password(String customer) {
		return customer.startsWith("concurrent-") ? Logins.password("concurrent") : Logins.password(customer);
	}

}
