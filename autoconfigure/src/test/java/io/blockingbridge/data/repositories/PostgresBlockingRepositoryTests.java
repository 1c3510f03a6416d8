package io.blockingbridge.data.repositories;

import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeScope;
import io.blockingbridge.testsupport.RequiresDatabase;
import io.blockingbridge.testsupport.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The blocking repository scenarios on PostgreSQL, plus what a {@code Stream} query method does on a
 * driver that completes on its own event loop: the server produces rows only as the stream is read
 * (each row takes the next value of a sequence, which other connections see at once), and closing
 * the stream, or the scope it was opened in, gives its connection back.
 */
@RequiresDatabase(TestDatabase.POSTGRESQL)
@SpringBootTest(classes = RepositoryTestApplication.class, webEnvironment = WebEnvironment.NONE,
		properties = { "bridge.enabled=true", "spring.r2dbc.url=r2dbc:postgresql://postgres@127.0.0.1:5432/${BRIDGE_TEST_PG_DATABASE:test}" })
class PostgresBlockingRepositoryTests extends AbstractBlockingRepositoryTests {

	private static final long ROWS = 1_000_000;

	private static final Duration LIVENESS = Duration.ofSeconds(30);

	@Autowired
	ConnectionFactory connectionFactory;

	@BeforeEach
	void createSequence() {
		Bridge.await(this.databaseClient.sql("DROP SEQUENCE IF EXISTS bb_repo_rows").then());
		Bridge.await(this.databaseClient.sql("CREATE SEQUENCE bb_repo_rows").then());
	}

	@Test
	void aStreamQueryReadsLazilyAndClosingItReleasesTheConnection() {
		try (Stream<Long> values = this.people.streamSequenceValues()) {
			Iterator<Long> iterator = values.iterator();
			for (long n = 1; n <= 10; n++) {
				assertThat(iterator.next()).isEqualTo(n);
			}
			assertThat(rowsProduced()).isLessThan(ROWS);
			assertThat(acquiredConnections()).isOne();
		}
		await().atMost(LIVENESS).untilAsserted(() -> assertThat(acquiredConnections()).isZero());
	}

	@Test
	void aStreamQueryLeftOpenIsClosedWithTheScopeItWasOpenedIn() {
		try (BridgeScope scope = BridgeScope.open(Context.empty())) {
			Stream<Long> values = this.people.streamSequenceValues();
			assertThat(values.iterator().next()).isEqualTo(1L);
			assertThat(acquiredConnections()).isOne();
		}
		await().atMost(LIVENESS).untilAsserted(() -> assertThat(acquiredConnections()).isZero());
	}

	private long rowsProduced() {
		Long value = Bridge.await(this.databaseClient.sql("SELECT last_value FROM bb_repo_rows").mapValue(Long.class).one());
		return (value != null) ? value : 0L;
	}

	private int acquiredConnections() {
		return pool(this.connectionFactory).getMetrics().map(PoolMetrics::acquiredSize).orElseThrow();
	}

	private static ConnectionPool pool(Object connectionFactory) {
		if (connectionFactory instanceof ConnectionPool pool) {
			return pool;
		}
		if (connectionFactory instanceof Wrapped<?> wrapped) {
			return pool(wrapped.unwrap());
		}
		throw new IllegalStateException("Not a pooled connection factory: " + connectionFactory);
	}

}
