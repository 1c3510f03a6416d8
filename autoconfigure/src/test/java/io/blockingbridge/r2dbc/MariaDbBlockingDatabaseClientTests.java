package io.blockingbridge.r2dbc;

import java.util.Collections;

import io.blockingbridge.testsupport.R2dbcTestProperties;
import io.blockingbridge.testsupport.RequiresDatabase;
import io.blockingbridge.testsupport.TestDatabase;

import org.springframework.test.context.TestPropertySource;

/**
 * The {@link BlockingDatabaseClient} API against MariaDB.
 */
@RequiresDatabase(TestDatabase.MARIADB)
@TestPropertySource(properties = R2dbcTestProperties.MARIADB_URL)
class MariaDbBlockingDatabaseClientTests extends AbstractBlockingDatabaseClientTests {

	/** MariaDB's bind markers are anonymous. */
	@Override
	String bindMarkers(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}

}
