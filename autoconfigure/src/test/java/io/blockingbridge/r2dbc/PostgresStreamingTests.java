package io.blockingbridge.r2dbc;

import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

import io.blockingbridge.core.BridgeScope;
import io.blockingbridge.testsupport.ItemStore;
import io.blockingbridge.testsupport.R2dbcTestProperties;
import io.blockingbridge.testsupport.RequiresDatabase;
import io.blockingbridge.testsupport.TestDatabase;
import io.blockingbridge.transaction.BlockingTransactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.ReactiveTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link BlockingDatabaseClient.RowsFetchSpec#stream()} on PostgreSQL, whose driver completes on its
 * own event loop: rows are produced by the server only as the stream is read (every row takes the
 * next value of a sequence, which other connections see at once), and closing the stream ends the
 * query on the server and gives its connection back.
 */
@RequiresDatabase(TestDatabase.POSTGRESQL)
@TestPropertySource(properties = R2dbcTestProperties.POSTGRESQL_URL)
class PostgresStreamingTests extends AbstractR2dbcApplicationTests {

	private static final int ROWS = 1_000_000;

	private static final String ROWS_QUERY = "SELECT nextval('bb_stream_rows') AS n FROM generate_series(1, " + ROWS
			+ ")";

	private static final Duration LIVENESS = Duration.ofSeconds(30);

	@Autowired
	BlockingDatabaseClient client;

	@Autowired
	ItemStore store;

	@Autowired
	ReactiveTransactionManager transactionManager;

	@BeforeEach
	void createSequence() {
		this.client.sql("DROP SEQUENCE IF EXISTS bb_stream_rows").then();
		this.client.sql("CREATE SEQUENCE bb_stream_rows").then();
		this.store.reset();
	}

	@Test
	void rowsAreProducedOnlyAsTheStreamIsRead() {
		try (Stream<Long> rows = this.client.sql(ROWS_QUERY).mapValue(Long.class).stream()) {
			Iterator<Long> iterator = rows.iterator();
			for (long n = 1; n <= 10; n++) {
				assertThat(iterator.next()).isEqualTo(n);
			}
			// the first batch of the cursor, and the next one at most: not the million rows
			assertThat(rowsProduced()).isLessThanOrEqualTo(2L * BlockingDatabaseClient.STREAM_FETCH_SIZE);
			assertThat(this.store.acquiredConnections()).isOne();
		}
	}

	@Test
	void closingTheStreamEndsTheQueryOnTheServerAndReleasesTheConnection() {
		try (Stream<Long> rows = this.client.sql(ROWS_QUERY).mapValue(Long.class).stream()) {
			assertThat(rows.limit(10)).hasSize(10);
		}
		await().atMost(LIVENESS).untilAsserted(() -> {
			assertThat(this.store.acquiredConnections()).isZero();
			assertThat(runningQueries()).isZero();
		});
		// the server stopped: it did not produce the rest of the rows to be thrown away
		assertThat(rowsProduced()).isLessThan(ROWS);
	}

	@Test
	void aStreamReadToItsEndReleasesTheConnection() {
		try (Stream<Long> rows = this.client.sql("SELECT n FROM generate_series(1, 10000) n")
			.mapValue(Long.class)
			.stream()) {
			assertThat(rows.mapToLong(Long::longValue).sum()).isEqualTo(10000L * 10001 / 2);
		}
		await().atMost(LIVENESS).untilAsserted(() -> assertThat(this.store.acquiredConnections()).isZero());
	}

	@Test
	void aStreamLeftOpenIsClosedWithTheScopeItWasOpenedIn() {
		try (BridgeScope scope = BridgeScope.open(Context.empty())) {
			Stream<Long> rows = this.client.sql(ROWS_QUERY).mapValue(Long.class).stream();
			assertThat(rows.iterator().next()).isEqualTo(1L);
			assertThat(this.store.acquiredConnections()).isOne();
		}
		await().atMost(LIVENESS).untilAsserted(() -> {
			assertThat(this.store.acquiredConnections()).isZero();
			assertThat(runningQueries()).isZero();
		});
	}

	@Test
	void insideATransactionTheStreamReadsOnTheTransactionsConnectionAndEndsBeforeTheCommit() {
		BlockingTransactions transactions = new BlockingTransactions(this.transactionManager);
		Long sum = transactions.execute((status) -> {
			this.store.insert(1, "one");
			this.store.insert(2, "two");
			try (Stream<Integer> ids = this.client.sql("SELECT id FROM bb_tx_item ORDER BY id")
				.mapValue(Integer.class)
				.stream()) {
				// sees the uncommitted rows: the transaction's connection, the only one in use
				assertThat(this.store.acquiredConnections()).isOne();
				return ids.mapToLong(Integer::longValue).sum();
			}
		});
		assertThat(sum).isEqualTo(3L);
		// a stream left open in the transaction is closed before its commit, which then succeeds
		transactions.executeWithoutResult((status) -> {
			this.store.insert(3, "three");
			Stream<Long> rows = this.client.sql(ROWS_QUERY).mapValue(Long.class).stream();
			assertThat(rows.iterator().next()).isEqualTo(1L);
		});
		assertThat(this.store.ids()).containsExactly(1, 2, 3);
		await().atMost(LIVENESS).untilAsserted(() -> {
			assertThat(this.store.acquiredConnections()).isZero();
			assertThat(runningQueries()).isZero();
		});
	}

	private long rowsProduced() {
		return this.client.sql("SELECT last_value FROM bb_stream_rows").mapValue(Long.class).one().orElseThrow();
	}

	private long runningQueries() {
		return this.client.sql("SELECT count(*) FROM pg_stat_activity WHERE state <> 'idle' AND pid <> pg_backend_pid() "
				+ "AND datname = current_database() AND query LIKE '%bb_stream_rows'')%'")
			.mapValue(Long.class)
			.one()
			.orElseThrow();
	}

}
