package io.blockingbridge.r2dbc;

import io.blockingbridge.testsupport.R2dbcTestProperties;
import io.blockingbridge.testsupport.RequiresDatabase;
import io.blockingbridge.testsupport.TestDatabase;

import org.springframework.test.context.TestPropertySource;

/**
 * The {@link BlockingDatabaseClient} API against PostgreSQL.
 */
@RequiresDatabase(TestDatabase.POSTGRESQL)
@TestPropertySource(properties = R2dbcTestProperties.POSTGRESQL_URL)
class PostgresBlockingDatabaseClientTests extends AbstractBlockingDatabaseClientTests {

}
