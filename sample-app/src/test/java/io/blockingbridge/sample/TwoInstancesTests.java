package io.blockingbridge.sample;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.blockingbridge.sample.notifications.NotificationHub;
import io.blockingbridge.sample.orders.OrderRecovery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.core.Disposable;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Two instances of the sample (two application contexts on random ports) sharing one PostgreSQL
 * database and one kitchen ({@link SharedKitchen}), as behind a load balancer: notifications reach a
 * customer on whichever instance the customer is connected to (also after the listening connection
 * dropped, and up to the size PostgreSQL's {@code NOTIFY} takes), orders placed through both at once
 * are stored once each (also the same {@code Idempotency-Key} sent to both), recovery running on
 * both at once resolves each abandoned order once, and an instance that dies mid-order leaves its
 * order to the other one's recovery.
 */
@RequiresPostgres
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesTests {

	/** Longer than a healthy kitchen call on a loaded machine; recovery's pending-age must exceed it. */
	private static final String KITCHEN_TIMEOUT = "10s";

	private static final Duration PENDING_AGE = Duration.ofSeconds(15);

	private static SharedKitchen kitchen;

	private static ConfigurableApplicationContext one;

	private static ConfigurableApplicationContext two;

	@BeforeAll
	static void startTwoInstances() {
		kitchen = new SharedKitchen();
		one = start("one");
		two = start("two");
	}

	@AfterAll
	static void stopInstances() {
		for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] { one, two }) {
			if (instance != null) {
				instance.close();
			}
		}
		if (kitchen != null) {
			kitchen.close();
		}
	}

	private static ConfigurableApplicationContext start(String name, String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "spring.application.name=sample-" + name,
				"kitchen.url=" + kitchen.urlFor(name), "kitchen.timeout=" + KITCHEN_TIMEOUT,
				"orders.recovery.enabled=false", "orders.recovery.pending-age=" + PENDING_AGE.toSeconds() + "s",
				// Small pools: the PostgreSQL server's connections are shared with the other tests.
				"spring.r2dbc.pool.initial-size=1", "spring.r2dbc.pool.max-size=8"));
		all.addAll(List.of(properties));
		// As command-line arguments, which take precedence over application.yml. The database:
		// sample.database, or SAMPLE_DATABASE from the environment, else "test".
		return new SpringApplicationBuilder(SampleApplication.class, OwnEventLoops.class).profiles("postgres")
			.run(all.stream().map((property) -> "--" + property).toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext instance) {
		return ((WebServerApplicationContext) instance).getWebServer().getPort();
	}

	private static WebTestClient client(ConfigurableApplicationContext instance, String user) {
		return Logins.as(WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port(instance))
			.responseTimeout(Duration.ofSeconds(60))
			.build(), user);
	}

	private static BlockingDatabaseClient database() {
		return two.getBean(BlockingDatabaseClient.class);
	}

	@Test
	void customerConnectedToOneInstanceIsNotifiedOfAnOrderPlacedThroughTheOther() {
		try (NotificationListener adaOnTwo = NotificationListener.connect(port(two), "ada");
				NotificationListener adaOnOne = NotificationListener.connect(port(one), "ada");
				NotificationListener graceOnTwo = NotificationListener.connect(port(two), "grace")) {
			long id = placeOrder(one, "ada", null).id();

			String expected = "Order #" + id + " will be delivered in 20 minutes";
			assertThat(adaOnTwo.next()).isEqualTo(expected);
			assertThat(adaOnOne.next()).isEqualTo(expected);
			// Once per session, whichever instance placed the order; nothing for another customer.
			placeOrder(two, "grace", null);
			graceOnTwo.next();
			assertThat(adaOnTwo.received()).isEmpty();
			assertThat(adaOnOne.received()).isEmpty();
		}
	}

	@Test
	void theLongestNotificationTheHubTakesTravelsBetweenInstances() {
		NotificationHub hub = one.getBean(NotificationHub.class);
		// The payload is {"customer":"ada","message":"..."}: 31 bytes besides the message.
		String longest = "x".repeat(NotificationHub.MAX_PAYLOAD_BYTES - 1 - 31);
		try (NotificationListener adaOnTwo = NotificationListener.connect(port(two), "ada")) {
			hub.send("ada", longest);
			assertThat(adaOnTwo.next()).isEqualTo(longest);
			assertThatIllegalArgumentException().isThrownBy(() -> hub.send("ada", longest + "x"))
				.withMessageContaining("less than 8000 bytes");
			hub.send("ada", "ä".repeat(longest.length() / 2));
			assertThat(adaOnTwo.next()).hasSize(longest.length() / 2);
			assertThatIllegalArgumentException().isThrownBy(() -> hub.send("ada", "ä".repeat(longest.length() / 2 + 1)));
		}
	}

	@Test
	void notificationsArriveAgainAfterTheListeningConnectionDrops() throws InterruptedException {
		BlockingDatabaseClient database = database();
		List<Integer> terminated = database
			.sql("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
					+ "AND query = 'LISTEN sample_notifications' AND pid <> pg_backend_pid()")
			.mapValue(Integer.class)
			.all();
		assertThat(terminated).as("the instances' listening connections").hasSizeGreaterThanOrEqualTo(2);
		for (int pid : terminated) {
			database.sql("SELECT pg_terminate_backend(:pid)").bind("pid", pid).then();
		}
		// Each instance notices, pauses and listens again on a new connection.
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		List<Integer> listening = List.of();
		while (listening.size() < terminated.size() && System.nanoTime() < deadline) {
			Thread.sleep(100);
			listening = database
				.sql("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
						+ "AND query = 'LISTEN sample_notifications' AND pid <> pg_backend_pid()")
				.mapValue(Integer.class)
				.all()
				.stream()
				.filter((pid) -> !terminated.contains(pid))
				.toList();
		}
		assertThat(listening).as("listening connections opened again").hasSizeGreaterThanOrEqualTo(terminated.size());

		try (NotificationListener alanOnTwo = NotificationListener.connect(port(two), "alan")) {
			long id = placeOrder(one, "alan", null).id();
			assertThat(alanOnTwo.next()).isEqualTo("Order #" + id + " will be delivered in 20 minutes");
		}
	}

	@Test
	void ordersPlacedThroughBothInstancesAtOnceAreEachStoredOnce() throws Exception {
		BlockingDatabaseClient database = database();
		long before = Orders.lastId(database);
		int distinct = 20;
		int keys = 5;
		String prefix = "both-" + System.nanoTime() + "-";
		CyclicBarrier start = new CyclicBarrier(distinct + 2 * keys);
		List<Future<Placed>> answers = new ArrayList<>();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < distinct; i++) {
				ConfigurableApplicationContext instance = (i % 2 == 0) ? one : two;
				String key = prefix + "grace-" + i;
				answers.add(clients.submit(() -> {
					start.await(30, TimeUnit.SECONDS);
					return placeOrderRetrying(instance, "grace", key);
				}));
			}
			for (int i = 0; i < keys; i++) {
				String key = prefix + "ada-" + i;
				for (ConfigurableApplicationContext instance : List.of(one, two)) {
					answers.add(clients.submit(() -> {
						start.await(30, TimeUnit.SECONDS);
						return placeOrderRetrying(instance, "ada", key);
					}));
				}
			}
			List<Placed> placed = new ArrayList<>();
			for (Future<Placed> answer : answers) {
				placed.add(answer.get(120, TimeUnit.SECONDS));
			}
			// Every request was answered 201 in the end; the two requests with one key got the same
			// order, one of them as a replay of the other's answer.
			assertThat(placed).allSatisfy((order) -> assertThat(order.status()).isEqualTo(201));
			for (int i = 0; i < keys; i++) {
				Placed first = placed.get(distinct + 2 * i);
				Placed second = placed.get(distinct + 2 * i + 1);
				assertThat(first.id()).as("the order of key " + i).isEqualTo(second.id());
				assertThat(List.of(first.replayed(), second.replayed())).as("replays of key " + i).containsExactlyInAnyOrder(true, false);
			}
		}
		assertThat(Orders.countAfter(database, before)).isEqualTo(distinct + keys);
		List<String> statuses = database.sql("SELECT status FROM sample_orders WHERE id > :id")
			.bind("id", before)
			.mapValue(String.class)
			.all();
		assertThat(statuses).hasSize(distinct + keys).containsOnly("ACCEPTED");
		assertThat(database
			.sql("SELECT COUNT(*) FROM sample_idempotency_keys WHERE idem_key LIKE :prefix AND status_code = 201")
			.bind("prefix", prefix + "%")
			.mapValue(Long.class)
			.one()).contains((long) (distinct + keys));
	}

	@Test
	void recoveryRunningOnBothInstancesAtOnceClaimsEachOrderOnce() throws Exception {
		recoverLeftovers();
		BlockingDatabaseClient database = database();
		List<Long> stale = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			stale.add(Orders.insertPending(database, "grace", Duration.ofMinutes(5)));
		}
		CyclicBarrier start = new CyclicBarrier(2);
		int resolved = 0;
		try (ExecutorService recoverers = Executors.newFixedThreadPool(2)) {
			List<Future<Integer>> passes = new ArrayList<>();
			for (ConfigurableApplicationContext instance : List.of(one, two)) {
				OrderRecovery recovery = instance.getBean(OrderRecovery.class);
				passes.add(recoverers.submit(() -> {
					start.await(30, TimeUnit.SECONDS);
					return recovery.recoverOnce();
				}));
			}
			for (Future<Integer> pass : passes) {
				resolved += pass.get(120, TimeUnit.SECONDS);
			}
		}
		assertThat(resolved).isEqualTo(stale.size());
		for (long id : stale) {
			assertThat(StoredOrder.read(database, id).status()).as("order #" + id).isEqualTo("FAILED");
			assertThat(kitchen.cancellations(id)).as("cancellations of order #" + id + " at the kitchen").isEqualTo(1);
		}
	}

	@Test
	@Order(Integer.MAX_VALUE)
	void anInstanceThatDiesMidOrderLeavesItsOrderToTheOthersRecovery() throws Exception {
		recoverLeftovers();
		// A third instance, reaching the database through a proxy that the test cuts, and whose
		// kitchen never answers it: it is killed while its order waits for the kitchen.
		kitchen.hang("doomed");
		DatabaseProxy connections = new DatabaseProxy();
		ConfigurableApplicationContext doomed = start("doomed", "server.shutdown=immediate",
				"spring.r2dbc.url=" + connections.r2dbcUrl());
		Disposable order = WebClient.create("http://127.0.0.1:" + port(doomed))
			.post()
			.uri("/orders")
			.headers((headers) -> headers.setBasicAuth("alan", Logins.password("alan")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("items", List.of("soup")))
			.retrieve()
			.toBodilessEntity()
			.subscribe(null, (error) -> {
			});
		long id = kitchen.nextOrder("doomed");
		// Killed: its connections to the database drop at once, then it is gone.
		connections.cut();
		doomed.close();
		order.dispose();

		BlockingDatabaseClient database = database();
		assertThat(StoredOrder.read(database, id)).as("the order of the dead instance").extracting(StoredOrder::status).isEqualTo("PENDING");
		OrderRecovery recovery = two.getBean(OrderRecovery.class);
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (StoredOrder.read(database, id).status().equals("PENDING") && System.nanoTime() < deadline) {
			recovery.recoverOnce();
			Thread.sleep(500);
		}
		StoredOrder resolved = StoredOrder.read(database, id);
		assertThat(resolved.status()).isEqualTo("FAILED");
		assertThat(resolved.failure()).contains("cancelled by recovery");
		assertThat(kitchen.cancellations("two", id)).isEqualTo(1);
		assertThat(database.sql("SELECT COUNT(*) FROM sample_orders WHERE status = 'PENDING' AND created_at < :stale")
			.bind("stale", OffsetDateTime.now().minus(PENDING_AGE))
			.mapValue(Long.class)
			.one()).as("orders left PENDING").contains(0L);
	}

	/** Resolves stale orders of earlier runs (a persistent database). */
	private static void recoverLeftovers() {
		OrderRecovery recovery = one.getBean(OrderRecovery.class);
		while (recovery.recoverOnce() > 0) {
			// again
		}
	}

	/**
	 * Places an order as a client behind a load balancer would: with an {@code Idempotency-Key}, so
	 * that it may send the request again after a {@code 503} (database busy; the machine running the
	 * tests may be loaded) or a {@code 409} (the first request with the key is still running).
	 */
	private static Placed placeOrderRetrying(ConfigurableApplicationContext instance, String customer, String key)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		Placed placed = placeOrder(instance, customer, key);
		while ((placed.status() == 503 || placed.status() == 409) && System.nanoTime() < deadline) {
			Thread.sleep(200);
			placed = placeOrder(instance, customer, key);
		}
		return placed;
	}

	private static Placed placeOrder(ConfigurableApplicationContext instance, String customer, String key) {
		EntityExchangeResult<byte[]> result = client(instance, customer).post()
			.uri("/orders")
			.headers((headers) -> {
				if (key != null) {
					headers.set("Idempotency-Key", key);
				}
			})
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("items", List.of("bread")))
			.exchange()
			.expectBody()
			.returnResult();
		String location = (result.getResponseHeaders().getLocation() != null)
				? result.getResponseHeaders().getLocation().toString() : "";
		long id = location.startsWith("/orders/") ? Long.parseLong(location.substring("/orders/".length())) : -1;
		return new Placed(result.getStatus().value(), id,
				"true".equals(result.getResponseHeaders().getFirst("Idempotent-Replayed")));
	}

	private record Placed(int status, long id, boolean replayed) {
	}

	/**
	 * Gives an instance Reactor Netty event loops and connections of its own instead of the JVM's
	 * global ones, as if it ran in a process of its own: closing one instance would otherwise shut
	 * down the loops that the other instances' servers and clients use. (Not a
	 * {@code @Configuration}, so that the other tests' component scan does not pick it up.)
	 */
	static class OwnEventLoops {

		@Bean
		ReactorResourceFactory reactorResourceFactory() {
			ReactorResourceFactory resources = new ReactorResourceFactory();
			resources.setUseGlobalResources(false);
			return resources;
		}

	}

}
