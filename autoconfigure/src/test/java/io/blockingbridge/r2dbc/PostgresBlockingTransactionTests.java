package io.blockingbridge.r2dbc;

import io.blockingbridge.testsupport.RequiresDatabase;
import io.blockingbridge.testsupport.TestDatabase;

import org.springframework.test.context.TestPropertySource;

/**
 * The blocking transaction scenarios against PostgreSQL.
 */
@RequiresDatabase(TestDatabase.POSTGRESQL)
@TestPropertySource(properties = R2dbcTestApplication.POSTGRESQL_URL)
class PostgresBlockingTransactionTests extends AbstractBlockingTransactionTests {

	@Override
	String isolationLevelSeenByDatabase() {
		return this.store.client().sql("SHOW transaction_isolation").mapValue(String.class).one().orElseThrow();
	}

}
