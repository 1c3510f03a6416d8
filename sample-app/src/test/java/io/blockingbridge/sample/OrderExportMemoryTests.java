package io.blockingbridge.sample;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.blockingbridge.core.Bridge;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A million orders through {@code GET /orders/export} on PostgreSQL in a JVM with a 128 MB heap
 * (its own surefire execution, {@code export-memory} in this module's pom): read from a cursor and
 * written as NDJSON while the client reads it, the export never holds the orders at once. Collected
 * into a list they would need several times the heap.
 * <p>
 * The orders live in a schema of their own ({@code bb_export}), created for this class and dropped
 * afterwards, so that the other suites sharing the database never see them.
 */
@ActiveProfiles("postgres")
@RequiresPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.r2dbc.url=r2dbc:postgresql://postgres@127.0.0.1:5432/${sample.database:test}?schema="
				+ OrderExportMemoryTests.SCHEMA)
class OrderExportMemoryTests {

	static final String SCHEMA = "bb_export";

	private static final long ORDERS = 1_000_000;

	private static final long HEAP_LIMIT = 128L * 1024 * 1024;

	@Autowired
	DatabaseClient database;

	@LocalServerPort
	int port;

	@BeforeAll
	static void createSchema() {
		assumeTrue(Boolean.getBoolean("sample.export-memory-run"), "OrderExportMemoryTests runs in the export-memory "
				+ "execution of the sample's pom, in a JVM with -Xmx128m");
		run("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA);
	}

	@AfterAll
	static void dropSchema() {
		run("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
	}

	@Test
	void aMillionOrdersStreamThroughA128MegabyteHeap() throws Exception {
		assertThat(Runtime.getRuntime().maxMemory()).as("the heap limit of this JVM (-Xmx128m)")
			.isLessThanOrEqualTo(HEAP_LIMIT);
		// a million rows with their index entries: more than bridge.timeout on a loaded machine
		Bridge.await(this.database.sql("INSERT INTO sample_orders (customer, status, delivery_minutes, created_at) "
				+ "SELECT 'ada', 'ACCEPTED', 20 + n % 40, now() FROM generate_series(1, " + ORDERS + ") n")
			.then(), Duration.ofMinutes(5));
		HttpResponse<Stream<String>> response = OrderExportTests.export(this.port, "ada", "ada-password");
		assertThat(response.statusCode()).isEqualTo(200);
		AtomicLong lines = new AtomicLong();
		AtomicLong accepted = new AtomicLong();
		try (Stream<String> body = response.body()) {
			body.forEach((line) -> {
				lines.incrementAndGet();
				if (line.contains("\"customer\":\"ada\"") && line.contains("\"status\":\"ACCEPTED\"")) {
					accepted.incrementAndGet();
				}
			});
		}
		assertThat(lines.get()).isEqualTo(ORDERS);
		assertThat(accepted.get()).isEqualTo(ORDERS);
	}

	private static void run(String... statements) {
		String database = System.getenv().getOrDefault("SAMPLE_DATABASE", "test");
		ConnectionFactory factory = ConnectionFactories.get("r2dbc:postgresql://postgres@127.0.0.1:5432/" + database);
		Mono.usingWhen(factory.create(), (connection) -> execute(connection, statements), Connection::close)
			.block(Duration.ofSeconds(60));
	}

	private static Mono<Void> execute(Connection connection, String... statements) {
		return Flux.fromArray(statements)
			.concatMap((sql) -> Flux.from(connection.createStatement(sql).execute()).flatMap(Result::getRowsUpdated))
			.then();
	}

}
