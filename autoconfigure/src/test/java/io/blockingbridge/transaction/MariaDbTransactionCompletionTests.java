package io.blockingbridge.transaction;

import io.blockingbridge.testsupport.RequiresDatabase;
import io.blockingbridge.testsupport.TestDatabase;

/**
 * The transaction completion scenarios against MariaDB, whose driver completes on its own event
 * loop.
 */
@RequiresDatabase(TestDatabase.MARIADB)
class MariaDbTransactionCompletionTests extends AbstractTransactionCompletionTests {

	@Override
	String r2dbcUrl() {
		String database = System.getenv().getOrDefault("BRIDGE_TEST_MARIADB_DATABASE", "test");
		return "r2dbc:mariadb://root@127.0.0.1:3306/" + database;
	}

}
