package io.blockingbridge.data.repositories;

import io.blockingbridge.testsupport.RequiresDatabase;
import io.blockingbridge.testsupport.TestDatabase;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The blocking entity template on PostgreSQL.
 */
@RequiresDatabase(TestDatabase.POSTGRESQL)
@SpringBootTest(classes = RepositoryTestApplication.class, webEnvironment = WebEnvironment.NONE,
		properties = { "bridge.enabled=true", "spring.r2dbc.url=r2dbc:postgresql://postgres@127.0.0.1:5432/${BRIDGE_TEST_PG_DATABASE:test}" })
class PostgresBlockingEntityTemplateTests extends AbstractBlockingEntityTemplateTests {

}
