package io.blockingbridge.transaction;

import io.blockingbridge.testsupport.R2dbcTestProperties;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * Runs {@link TransactionTestApplication} on a random port; subclasses choose the database with a
 * {@code @TestPropertySource}. Test classes for the same database share one application context.
 */
@SpringBootTest(classes = TransactionTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { R2dbcTestProperties.BRIDGE_ENABLED, R2dbcTestProperties.POOL_MAX_SIZE,
				R2dbcTestProperties.POOL_INITIAL_SIZE, R2dbcTestProperties.POOL_MAX_ACQUIRE_TIME })
@AutoConfigureWebTestClient
abstract class AbstractTransactionApplicationTests {

}
