package io.blockingbridge.http;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * A Reactor Netty connector whose pool holds a single connection and reports its metrics, so that a
 * test sees a leaked connection twice: as an acquired connection that never comes back, and as the
 * next request failing to get one.
 */
final class PooledPeerConnector implements AutoCloseable {

	private final List<ConnectionPoolMetrics> pools = new CopyOnWriteArrayList<>();

	private final ConnectionProvider provider;

	private final ReactorClientHttpConnector connector;

	PooledPeerConnector() {
		this.provider = ConnectionProvider.builder("peer")
			.maxConnections(1)
			.pendingAcquireTimeout(Duration.ofSeconds(5))
			.metrics(true, () -> this::register)
			.build();
		this.connector = new ReactorClientHttpConnector(HttpClient.create(this.provider));
	}

	private void register(String poolName, String id, SocketAddress address, ConnectionPoolMetrics metrics) {
		this.pools.add(metrics);
	}

	ReactorClientHttpConnector connector() {
		return this.connector;
	}

	/** Connections currently taken out of the pool by an exchange. */
	int acquired() {
		return this.pools.stream().mapToInt(ConnectionPoolMetrics::acquiredSize).sum();
	}

	/** Connections the pool holds, acquired or idle. */
	int allocated() {
		return this.pools.stream().mapToInt(ConnectionPoolMetrics::allocatedSize).sum();
	}

	@Override
	public void close() {
		this.provider.disposeLater().block(Duration.ofSeconds(5));
	}

}
