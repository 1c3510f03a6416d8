package io.blockingbridge.testsupport;

import java.util.List;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Reads and writes the test table {@code bb_tx_item} through a {@link BlockingDatabaseClient}, and
 * tells how many pooled connections are in use.
 */
public class ItemStore {

	private final BlockingDatabaseClient client;

	private final ConnectionPool pool;

	public ItemStore(BlockingDatabaseClient client, ConnectionFactory connectionFactory) {
		this.client = client;
		this.pool = unwrapPool(connectionFactory);
	}

	private static ConnectionPool unwrapPool(Object connectionFactory) {
		if (connectionFactory instanceof ConnectionPool pool) {
			return pool;
		}
		if (connectionFactory instanceof Wrapped<?> wrapped) {
			return unwrapPool(wrapped.unwrap());
		}
		throw new IllegalStateException("Not a pooled connection factory: " + connectionFactory);
	}

	public void reset() {
		this.client.sql("CREATE TABLE IF NOT EXISTS bb_tx_item (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL)").then();
		this.client.sql("DELETE FROM bb_tx_item").then();
	}

	public void insert(int id, String name) {
		this.client.sql("INSERT INTO bb_tx_item (id, name) VALUES (:id, :name)")
			.bind("id", id)
			.bind("name", name)
			.fetch()
			.rowsUpdated();
	}

	public List<Integer> ids() {
		return this.client.sql("SELECT id FROM bb_tx_item ORDER BY id").mapValue(Integer.class).all();
	}

	/** Read through the reactive client, on whatever connection the caller's context gives it. */
	public List<Integer> idsReactively(DatabaseClient databaseClient) {
		return Bridge.awaitAll(
				databaseClient.sql("SELECT id FROM bb_tx_item ORDER BY id").mapValue(Integer.class).all());
	}

	public int acquiredConnections() {
		return this.pool.getMetrics().map(PoolMetrics::acquiredSize).orElseThrow();
	}

	public int pendingAcquires() {
		return this.pool.getMetrics().map(PoolMetrics::pendingAcquireSize).orElseThrow();
	}

	public int maxConnections() {
		return this.pool.getMetrics().map(PoolMetrics::getMaxAllocatedSize).orElseThrow();
	}

	public BlockingDatabaseClient client() {
		return this.client;
	}

}
