package io.blockingbridge.transaction;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.testsupport.R2dbcTestProperties;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.connection.ConnectionFactoryUtils;
import org.springframework.test.context.TestPropertySource;

/**
 * The blocking transaction scenarios against H2 in memory.
 */
@TestPropertySource(properties = R2dbcTestProperties.H2_URL)
class H2BlockingTransactionTests extends AbstractBlockingTransactionTests {

	@Autowired
	ConnectionFactory connectionFactory;

	/**
	 * H2 keeps the level of a transaction begun through R2DBC on the connection, not in its
	 * INFORMATION_SCHEMA, so ask the transaction's connection.
	 */
	@Override
	String isolationLevelSeenByDatabase() {
		Connection connection = Bridge.await(ConnectionFactoryUtils.getConnection(this.connectionFactory));
		return connection.getTransactionIsolationLevel().asSql();
	}

}
