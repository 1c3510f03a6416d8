package io.blockingbridge.r2dbc;

import org.springframework.test.context.TestPropertySource;

/**
 * The {@link BlockingDatabaseClient} API against H2 in memory.
 */
@TestPropertySource(properties = R2dbcTestApplication.H2_URL)
class H2BlockingDatabaseClientTests extends AbstractBlockingDatabaseClientTests {

}
