package io.blockingbridge.data.repositories;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The blocking entity template on H2 in memory.
 */
@SpringBootTest(classes = RepositoryTestApplication.class, webEnvironment = WebEnvironment.NONE,
		properties = { "bridge.enabled=true", "spring.r2dbc.url=r2dbc:h2:mem:///bb_repo;DB_CLOSE_DELAY=-1;CASE_INSENSITIVE_IDENTIFIERS=TRUE" })
class H2BlockingEntityTemplateTests extends AbstractBlockingEntityTemplateTests {

}
