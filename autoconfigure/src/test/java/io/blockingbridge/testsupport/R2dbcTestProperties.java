package io.blockingbridge.testsupport;

/**
 * Properties of the applications the R2DBC and transaction tests run: bridge on, a small pool that
 * fails fast rather than hang when leaking, and the database URLs.
 */
public final class R2dbcTestProperties {

	/** Turns the bridge on. */
	public static final String BRIDGE_ENABLED = "bridge.enabled=true";

	/** A small pool. */
	public static final String POOL_MAX_SIZE = "spring.r2dbc.pool.max-size=4";

	/** One connection to start with. */
	public static final String POOL_INITIAL_SIZE = "spring.r2dbc.pool.initial-size=1";

	/** A leak fails an acquire rather than hang. */
	public static final String POOL_MAX_ACQUIRE_TIME = "spring.r2dbc.pool.max-acquire-time=10s";

	/** H2 in memory. */
	public static final String H2_URL = "spring.r2dbc.url=r2dbc:h2:mem:///bb_tx?options=DB_CLOSE_DELAY=-1";

	/** The PostgreSQL database of {@code BRIDGE_TEST_PG_DATABASE}. */
	public static final String POSTGRESQL_URL = "spring.r2dbc.url=r2dbc:postgresql://postgres@127.0.0.1:5432/${BRIDGE_TEST_PG_DATABASE:test}";

	/** The MariaDB database of {@code BRIDGE_TEST_MARIADB_DATABASE}. */
	public static final String MARIADB_URL = "spring.r2dbc.url=r2dbc:mariadb://root@127.0.0.1:3306/${BRIDGE_TEST_MARIADB_DATABASE:test}";

	private R2dbcTestProperties() {
	}

}
