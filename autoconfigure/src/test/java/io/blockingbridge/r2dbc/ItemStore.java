package io.blockingbridge.r2dbc;

import java.util.List;

import io.blockingbridge.core.Bridge;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Reads and writes the test table {@code bb_tx_item} through a {@link BlockingDatabaseClient}, and
 * tells how many pooled connections are in use.
 */
class ItemStore {

	private final BlockingDatabaseClient client;

	private final ConnectionPool pool;

	ItemStore(BlockingDatabaseClient client, ConnectionPool pool) {
		this.client = client;
		this.pool = pool;
	}

	void reset() {
		this.client.sql("CREATE TABLE IF NOT EXISTS bb_tx_item (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL)").then();
		this.client.sql("DELETE FROM bb_tx_item").then();
	}

	void insert(int id, String name) {
		this.client.sql("INSERT INTO bb_tx_item (id, name) VALUES (:id, :name)")
			.bind("id", id)
			.bind("name", name)
			.fetch()
			.rowsUpdated();
	}

	List<Integer> ids() {
		return this.client.sql("SELECT id FROM bb_tx_item ORDER BY id").mapValue(Integer.class).all();
	}

	/** Read through the reactive client, on whatever connection the caller's context gives it. */
	List<Integer> idsReactively(DatabaseClient databaseClient) {
		return Bridge.awaitAll(
				databaseClient.sql("SELECT id FROM bb_tx_item ORDER BY id").mapValue(Integer.class).all());
	}

	int acquiredConnections() {
		return this.pool.getMetrics().map(PoolMetrics::acquiredSize).orElseThrow();
	}

	BlockingDatabaseClient client() {
		return this.client;
	}

}
