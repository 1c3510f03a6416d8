package io.blockingbridge.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kitchen accepts an order but storing the acceptance takes longer than the request's time
 * limit ({@code bridge.timeout=1s}; the test holds a row lock on the order for 3 s). The answer and
 * the stored state must agree: the acceptance is waited for and the customer gets {@code 201} for
 * an order stored {@code ACCEPTED} that the kitchen cooks (not a {@code 504} for an order that is
 * stored accepted anyway, nor a failed order the kitchen cooks). PostgreSQL only: its row locks make
 * the write wait on the database's side.
 */
@ActiveProfiles("postgres")
@RequiresPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.timeout=1s", "kitchen.delay=2s", "kitchen.timeout=10s" })
@AutoConfigureWebTestClient(timeout = "PT30S")
class PostgresSlowAcceptTests {

	@Autowired
	WebTestClient client;

	@Autowired
	BlockingDatabaseClient database;

	@Autowired
	ConnectionFactory connectionFactory;

	@LocalServerPort
	int port;

	@Test
	void slowAcceptanceIsWaitedForAndAnsweredAsStored() throws Exception {
		long before = Orders.lastId(this.database);
		CompletableFuture<ResponseEntity<String>> answer = WebClient.create("http://127.0.0.1:" + this.port)
			.post()
			.uri("/orders")
			.header("Authorization", Logins.authorization("ada"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("customer", "ada", "items", List.of("pie")))
			.exchangeToMono((response) -> response.toEntity(String.class))
			.toFuture();
		long id = awaitOrderAfter(before);
		Connection locker = Mono.from(this.connectionFactory.create()).block(Duration.ofSeconds(10));
		try {
			Mono.from(locker.beginTransaction()).block(Duration.ofSeconds(10));
			Flux.from(locker.createStatement("SELECT id FROM sample_orders WHERE id = $1 FOR UPDATE").bind("$1", id).execute())
				.flatMap((result) -> result.map((row, metadata) -> row.get(0)))
				.blockLast(Duration.ofSeconds(10));
			Thread.sleep(3000);
			Mono.from(locker.rollbackTransaction()).block(Duration.ofSeconds(10));
		}
		finally {
			Mono.from(locker.close()).block(Duration.ofSeconds(10));
		}
		ResponseEntity<String> response = answer.get(30, TimeUnit.SECONDS);
		StoredOrder stored = Orders.awaitResolved(this.database, id);
		String kitchen = Orders.kitchenState(this.client, id);
		if (response.getStatusCode().value() == 201) {
			assertThat(stored.status()).isEqualTo("ACCEPTED");
			assertThat(kitchen).isEqualTo("COOKING");
		}
		else {
			assertThat(stored.status()).as("answered " + response.getStatusCode()).isEqualTo("FAILED");
			assertThat(kitchen).isEqualTo("CANCELLED");
		}
		assertThat(response.getStatusCode().value()).isEqualTo(201);
	}

	private long awaitOrderAfter(long before) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			long last = Orders.lastId(this.database);
			if (last > before) {
				return last;
			}
			Thread.sleep(10);
		}
		throw new AssertionError("The order was not saved within 10 s");
	}

}
