package io.blockingbridge.autoconfigure;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import org.reactivestreams.Publisher;

/**
 * A connection factory that is never asked for a connection, for beans an application declares in
 * place of the auto-configured ones.
 */
class ConnectionFactoryStub implements ConnectionFactory {

	@Override
	public Publisher<? extends Connection> create() {
		throw new UnsupportedOperationException();
	}

	@Override
	public ConnectionFactoryMetadata getMetadata() {
		return () -> "stub";
	}

}
