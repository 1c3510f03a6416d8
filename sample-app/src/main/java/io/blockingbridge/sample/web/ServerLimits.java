package io.blockingbridge.sample.web;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * Applies {@link ServerLimitsProperties} to Reactor Netty's server.
 */
@Component
class ServerLimits implements NettyServerCustomizer {

	private final ServerLimitsProperties properties;

	ServerLimits(ServerLimitsProperties properties) {
		this.properties = properties;
		QuietDroppedTimeouts.install();
	}

	@Override
	public reactor.netty.http.server.HttpServer apply(reactor.netty.http.server.HttpServer server) {
		return server.readTimeout(this.properties.readTimeout()).requestTimeout(this.properties.requestTimeout());
	}

}
