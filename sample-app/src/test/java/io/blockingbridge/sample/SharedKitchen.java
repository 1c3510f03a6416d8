package io.blockingbridge.sample;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.fail;

/**
 * A kitchen of the test's own (a real Reactor Netty server) that several sample instances share,
 * each under a path of its own ({@code kitchen.url=http://127.0.0.1:PORT/NAME}), so that the test
 * sees which instance asked what: it answers {@code 201 {"mins": 20}} after 100 ms, counts the
 * cancellations ({@code DELETE}) of each order, and never answers the instances it is told to
 * leave hanging (a kitchen too slow for them).
 */
final class SharedKitchen implements AutoCloseable {

	private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*(\\d+)");

	private final Map<String, Map<Long, Integer>> cancellations = new ConcurrentHashMap<>();

	private final Map<String, LinkedBlockingQueue<Long>> received = new ConcurrentHashMap<>();

	private final Set<String> hanging = ConcurrentHashMap.newKeySet();

	private final DisposableServer server;

	SharedKitchen() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes
				.post("/{instance}/kitchen/orders", (request, response) -> request.receive().aggregate().asString()
					.flatMap((body) -> {
						String instance = request.param("instance");
						Matcher id = ORDER_ID.matcher(body);
						if (id.find()) {
							received(instance).add(Long.parseLong(id.group(1)));
						}
						if (this.hanging.contains(instance)) {
							return Mono.never();
						}
						return Mono.delay(Duration.ofMillis(100))
							.then(response.status(201)
								.header("Content-Type", "application/json")
								.sendString(Mono.just("{\"mins\": 20}"))
								.then());
					}))
				.delete("/{instance}/kitchen/orders/{id}", (request, response) -> {
					String instance = request.param("instance");
					long id = Long.parseLong(request.param("id"));
					this.cancellations.computeIfAbsent(instance, (name) -> new ConcurrentHashMap<>()).merge(id, 1, Integer::sum);
					return this.hanging.contains(instance) ? Mono.never() : response.status(204).send();
				}))
			.bindNow(Duration.ofSeconds(10));
	}

	/** The {@code kitchen.url} of an instance. */
	String urlFor(String instance) {
		return "http://127.0.0.1:" + this.server.port() + "/" + instance;
	}

	/** From now on, the kitchen answers nothing the instance sends. */
	void hang(String instance) {
		this.hanging.add(instance);
	}

	/** How often an instance cancelled an order. */
	int cancellations(String instance, long orderId) {
		return this.cancellations.getOrDefault(instance, Map.of()).getOrDefault(orderId, 0);
	}

	/** How often all instances together cancelled an order. */
	int cancellations(long orderId) {
		return this.cancellations.values().stream().mapToInt((counts) -> counts.getOrDefault(orderId, 0)).sum();
	}

	/** Waits (at most 30 s) for the next order an instance sends and returns its id. */
	long nextOrder(String instance) throws InterruptedException {
		Long id = received(instance).poll(30, TimeUnit.SECONDS);
		if (id == null) {
			fail("No order from " + instance + " reached the kitchen within 30 s");
		}
		return id;
	}

	private LinkedBlockingQueue<Long> received(String instance) {
		return this.received.computeIfAbsent(instance, (name) -> new LinkedBlockingQueue<>());
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
