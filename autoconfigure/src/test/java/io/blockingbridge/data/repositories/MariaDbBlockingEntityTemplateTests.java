package io.blockingbridge.data.repositories;

import io.blockingbridge.testsupport.RequiresDatabase;
import io.blockingbridge.testsupport.TestDatabase;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The blocking entity template on MariaDB.
 */
@RequiresDatabase(TestDatabase.MARIADB)
@SpringBootTest(classes = RepositoryTestApplication.class, webEnvironment = WebEnvironment.NONE,
		properties = { "bridge.enabled=true", "spring.r2dbc.url=r2dbc:mariadb://root@127.0.0.1:3306/${BRIDGE_TEST_MARIADB_DATABASE:test}" })
class MariaDbBlockingEntityTemplateTests extends AbstractBlockingEntityTemplateTests {

	/** MariaDB has no identity columns: {@code AUTO_INCREMENT} generates the keys. */
	@Override
	String generatedKeyColumn() {
		return "BIGINT AUTO_INCREMENT PRIMARY KEY";
	}

}
