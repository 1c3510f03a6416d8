package io.blockingbridge.sample;

import java.time.Duration;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Mono;

/**
 * Takes connections out of the application's pool and holds them, so that requests find none.
 */
final class ConnectionHolder implements AutoCloseable {

	private final Connection connection;

	private ConnectionHolder(Connection connection) {
		this.connection = connection;
	}

	static ConnectionHolder hold(ConnectionFactory pool) {
		return new ConnectionHolder(Mono.from(pool.create()).block(Duration.ofSeconds(10)));
	}

	@Override
	public void close() {
		Mono.from(this.connection.close()).block(Duration.ofSeconds(10));
	}

}
