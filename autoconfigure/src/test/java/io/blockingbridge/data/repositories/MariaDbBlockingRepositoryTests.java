package io.blockingbridge.data.repositories;

import io.blockingbridge.testsupport.RequiresDatabase;
import io.blockingbridge.testsupport.TestDatabase;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * The blocking repository scenarios on MariaDB.
 */
@RequiresDatabase(TestDatabase.MARIADB)
@SpringBootTest(classes = RepositoryTestApplication.class, webEnvironment = WebEnvironment.NONE,
		properties = { "bridge.enabled=true", "spring.r2dbc.url=r2dbc:mariadb://root@127.0.0.1:3306/${BRIDGE_TEST_MARIADB_DATABASE:test}" })
class MariaDbBlockingRepositoryTests extends AbstractBlockingRepositoryTests {

	/** MariaDB has no identity columns: {@code AUTO_INCREMENT} generates the keys. */
	@Override
	String generatedKeyColumn() {
		return "BIGINT AUTO_INCREMENT PRIMARY KEY";
	}

	/**
	 * Spring Data leaves a null property out of the MariaDB insert; MariaDB answers error 1364
	 * ("Field doesn't have a default value", SQLSTATE HY000), which its R2DBC driver reports as a
	 * transient resource failure.
	 */
	@Override
	Class<? extends DataAccessException> missingValueException() {
		return TransientDataAccessResourceException.class;
	}

	/** MariaDB's default collation compares strings ignoring case. */
	@Override
	boolean caseSensitiveStrings() {
		return false;
	}

}
