package io.blockingbridge.r2dbc;

import io.blockingbridge.testsupport.R2dbcTestProperties;

import org.springframework.test.context.TestPropertySource;

/**
 * The {@link BlockingDatabaseClient} API against H2 in memory.
 */
@TestPropertySource(properties = R2dbcTestProperties.H2_URL)
class H2BlockingDatabaseClientTests extends AbstractBlockingDatabaseClientTests {

}
