package io.blockingbridge.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.blockingbridge.sample.orders.OrderRecovery;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database stalls (every byte to and from PostgreSQL held back, as when its processes are
 * stopped with {@code kill -STOP}) while orders with {@code Idempotency-Key}s wait for the kitchen,
 * for longer than the request's and the must-finish time limits. Their acceptance cannot be
 * written, so their outcome is unknown to their requests. After the database is back, each key is
 * retried until it gets a final answer. No key may be answered with two orders, no more orders may
 * be stored than keys were sent, and the kitchen must cook exactly the orders stored
 * {@code ACCEPTED}. The limits are short here (must-finish 3 s, requests 2 s) so that the test takes
 * seconds; the server closes idle connections after the must-finish limit, as it did with the
 * defaults (30 s each) when a kitchen cancellation met a pooled connection that the server was
 * closing.
 */
@RequiresPostgres
class PostgresDatabaseFreezeTests {

	private static final Duration FREEZE = Duration.ofSeconds(Long.getLong("freezeSeconds", 8));

	private static final int ORDERS = 6;

	private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":(\\d+)");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void ordersWhoseOutcomeIsUnknownAreNeverPlacedTwiceAndTheKitchenCooksExactlyTheAcceptedOnes() throws Exception {
		try (DatabaseProxy proxy = new DatabaseProxy();
				ConfigurableApplicationContext application = start(proxy);
				ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			int port = ((WebServerApplicationContext) application).getWebServer().getPort();
			BlockingDatabaseClient database = application.getBean(BlockingDatabaseClient.class);
			String prefix = "freeze-" + System.nanoTime() + "-";
			// Connections to the database and to the kitchen are pooled before the stall.
			assertThat(post(port, prefix + "warm-up").statusCode()).isEqualTo(201);
			long before = Orders.lastId(database);

			Map<String, Future<HttpResponse<String>>> first = new LinkedHashMap<>();
			for (int i = 0; i < ORDERS; i++) {
				String key = prefix + i;
				first.put(key, clients.submit(() -> post(port, key)));
			}
			// The orders are opened and wait for the kitchen (1 s) when the database stalls.
			awaitOrders(database, before, ORDERS);
			proxy.freeze();
			// Two more while the database stands still: their keys cannot even be looked up.
			for (int i = ORDERS; i < ORDERS + 2; i++) {
				String key = prefix + i;
				first.put(key, clients.submit(() -> post(port, key)));
			}
			Thread.sleep(FREEZE.toMillis());
			proxy.thaw();

			Map<String, Set<Long>> ordersOfKey = new HashMap<>();
			List<String> firstAnswers = new ArrayList<>();
			for (Map.Entry<String, Future<HttpResponse<String>>> entry : first.entrySet()) {
				HttpResponse<String> answer = entry.getValue().get(60, TimeUnit.SECONDS);
				firstAnswers.add(answer.statusCode() + "");
				note(ordersOfKey, entry.getKey(), answer);
			}
			// What the stall left PENDING is resolved by recovery (pending-age 6 s has passed).
			Thread.sleep(1000);
			application.getBean(OrderRecovery.class).recoverOnce();

			List<String> retryAnswers = new ArrayList<>();
			for (String key : first.keySet()) {
				HttpResponse<String> answer = retryUntilSettled(port, key);
				retryAnswers.add(answer.statusCode() + "");
				note(ordersOfKey, key, answer);
			}

			String answers = "first answers " + firstAnswers + ", retries " + retryAnswers + ", orders of keys "
					+ ordersOfKey;
			System.out.println("PostgresDatabaseFreezeTests: " + answers);
			ordersOfKey.forEach((key, orders) -> assertThat(orders).as(answers).hasSizeLessThanOrEqualTo(1));
			List<Map<String, Object>> stored = database
				.sql("SELECT id, status FROM sample_orders WHERE id > :id AND customer = 'grace' ORDER BY id")
				.bind("id", before)
				.fetch()
				.all();
			assertThat(stored).as(answers).hasSizeLessThanOrEqualTo(first.size());
			WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
			for (Map<String, Object> order : stored) {
				long id = ((Number) order.get("id")).longValue();
				String status = (String) order.get("status");
				String kitchen = Orders.kitchenState(client, id);
				assertThat(status).as("order #" + id + " (kitchen: " + kitchen + "); " + answers).isNotEqualTo("PENDING");
				assertThat(kitchen.equals("COOKING")).as("order #" + id + " is " + status + ", the kitchen says " + kitchen
						+ "; " + answers).isEqualTo(status.equals("ACCEPTED"));
			}
			Set<Long> answered = new LinkedHashSet<>();
			ordersOfKey.values().forEach(answered::addAll);
			for (long id : answered) {
				assertThat(stored).as("order #" + id + " named in an answer; " + answers)
					.anySatisfy((order) -> assertThat(((Number) order.get("id")).longValue()).isEqualTo(id));
			}
		}
	}

	private static ConfigurableApplicationContext start(DatabaseProxy proxy) {
		List<String> properties = List.of("server.port=0", "spring.r2dbc.url=" + proxy.r2dbcUrl(),
				"spring.r2dbc.pool.initial-size=2", "spring.r2dbc.pool.max-size=8", "bridge.timeout=2s",
				"sample.must-finish.time-limit=3s", "server.netty.idle-timeout=3s", "kitchen.max-idle-time=2s",
				"kitchen.delay=1s", "kitchen.timeout=5s", "orders.recovery.enabled=false",
				"orders.recovery.pending-age=6s");
		return new SpringApplicationBuilder(SampleApplication.class).profiles("postgres")
			.run(properties.stream().map((property) -> "--" + property).toArray(String[]::new));
	}

	private HttpResponse<String> post(int port, String key) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
			.header("Authorization", Logins.authorization("grace"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", key)
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofString("{\"customer\":\"grace\",\"items\":[\"soup\"]}"))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** Retries a key while its answer is not final (409, 503, 504), at most 30 s. */
	private HttpResponse<String> retryUntilSettled(int port, String key) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		HttpResponse<String> answer = post(port, key);
		while (answer.statusCode() != 201 && answer.statusCode() != 502 && System.nanoTime() < deadline) {
			Thread.sleep(500);
			answer = post(port, key);
		}
		assertThat(answer.statusCode()).as("the last retry of " + key + ": " + answer.body()).isIn(201, 502);
		return answer;
	}

	/** The order an answer names: its Location (201) or the problem's orderId (502). */
	private static void note(Map<String, Set<Long>> ordersOfKey, String key, HttpResponse<String> answer) {
		Set<Long> orders = ordersOfKey.computeIfAbsent(key, (k) -> new LinkedHashSet<>());
		answer.headers().firstValue("Location")
			.ifPresent((location) -> orders.add(Long.parseLong(location.substring(location.lastIndexOf('/') + 1))));
		Matcher id = ORDER_ID.matcher(answer.body());
		if (answer.statusCode() == 502 && id.find()) {
			orders.add(Long.parseLong(id.group(1)));
		}
	}

	private static void awaitOrders(BlockingDatabaseClient database, long before, int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (Orders.countAfter(database, before) < count && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(Orders.countAfter(database, before)).as("orders opened").isGreaterThanOrEqualTo(count);
	}

}
