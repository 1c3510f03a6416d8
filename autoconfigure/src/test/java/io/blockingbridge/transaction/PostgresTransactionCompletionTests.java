package io.blockingbridge.transaction;

import io.blockingbridge.testsupport.RequiresDatabase;
import io.blockingbridge.testsupport.TestDatabase;

/**
 * The transaction completion scenarios against PostgreSQL, whose driver completes on its own
 * event loop.
 */
@RequiresDatabase(TestDatabase.POSTGRESQL)
class PostgresTransactionCompletionTests extends AbstractTransactionCompletionTests {

	@Override
	String r2dbcUrl() {
		String database = System.getenv().getOrDefault("BRIDGE_TEST_PG_DATABASE", "test");
		return "r2dbc:postgresql://postgres@127.0.0.1:5432/" + database;
	}

}
