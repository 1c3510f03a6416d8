package io.blockingbridge.sample;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.blockingbridge.core.Bridge;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Wrapped;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
 * A client that goes away mid-export ends the query on the server and returns its connection.
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

	@Autowired
	ConnectionFactory connectionFactory;

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

	private static boolean inserted;

	@BeforeEach
	void insertOrdersOnce() {
		insertOrders();
	}

	/**
	 * The export of a million orders takes well under a minute; a stalled one fails after 30 seconds
	 * without a line, with a thread dump, and in any case within the timeout instead of holding CI.
	 */
	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void aMillionOrdersStreamThroughA128MegabyteHeap() throws Exception {
		assertThat(Runtime.getRuntime().maxMemory()).as("the heap limit of this JVM (-Xmx128m)")
			.isLessThanOrEqualTo(HEAP_LIMIT);
		HttpResponse<Stream<String>> response = OrderExportTests.export(this.port, "ada", "ada-password");
		assertThat(response.statusCode()).isEqualTo(200);
		AtomicLong lines = new AtomicLong();
		AtomicLong accepted = new AtomicLong();
		Stream<String> body = response.body();
		try (body; StallWatch watch = StallWatch.start(lines, Duration.ofSeconds(30), body::close)) {
			try {
				body.forEach((line) -> {
					lines.incrementAndGet();
					if (line.contains("\"customer\":\"ada\"") && line.contains("\"status\":\"ACCEPTED\"")) {
						accepted.incrementAndGet();
					}
				});
			}
			catch (RuntimeException ex) {
				throw new AssertionError("The export broke off after " + lines.get() + " lines: " + watch.describe(), ex);
			}
			assertThat(lines.get()).as("lines of the export (%s)", watch.describe()).isEqualTo(ORDERS);
		}
		assertThat(accepted.get()).isEqualTo(ORDERS);
	}

	@Test
	void aClientGoingAwayMidExportEndsTheQueryAndReturnsTheConnection() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			String credentials = Base64.getEncoder().encodeToString("ada:ada-password".getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().write(("GET /orders/export HTTP/1.1\r\nHost: localhost\r\n"
					+ "Accept: application/x-ndjson\r\nAuthorization: Basic " + credentials + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			byte[] head = socket.getInputStream().readNBytes(64 * 1024);
			assertThat(new String(head, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200").contains("\"customer\":\"ada\"");
			assertThat(exportQueriesRunning()).as("the export's query while the client reads").isEqualTo(1);
		}
		// The client is gone after 64 KB of a million orders: the stream is closed, its cursor's portal
		// closed, the query ends on the server and the connection goes back to the pool.
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (exportQueriesRunning() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(exportQueriesRunning()).as("the export's query after the client went away").isZero();
		ConnectionPool pool = pool();
		while (pool.getMetrics().orElseThrow().acquiredSize() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(pool.getMetrics().orElseThrow().acquiredSize()).as("connections still acquired").isZero();
	}

	private void insertOrders() {
		if (inserted) {
			return;
		}
		// a million rows with their index entries: more than bridge.timeout on a loaded machine
		Bridge.await(this.database.sql("INSERT INTO sample_orders (customer, status, delivery_minutes, created_at) "
				+ "SELECT 'ada', 'ACCEPTED', 20 + n % 40, now() FROM generate_series(1, " + ORDERS + ") n")
			.then(), Duration.ofMinutes(5));
		inserted = true;
	}

	/** The export queries that PostgreSQL runs or holds open (a portal of a cursor) right now. */
	private long exportQueriesRunning() {
		Long count = Bridge.await(this.database.sql("SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
				+ "AND state <> 'idle' AND query LIKE 'SELECT id, customer, status, delivery_minutes%'")
			.map((row) -> row.get(0, Long.class))
			.one(), Duration.ofSeconds(10));
		return (count != null) ? count : 0;
	}

	private ConnectionPool pool() {
		Object factory = this.connectionFactory;
		while (!(factory instanceof ConnectionPool) && factory instanceof Wrapped<?> wrapped) {
			factory = wrapped.unwrap();
		}
		assertThat(factory).as("the application's connection pool").isInstanceOf(ConnectionPool.class);
		return (ConnectionPool) factory;
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
