package io.blockingbridge.benchmarks.webflux;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Settings shared by the WebFlux variants so that they differ only in how the endpoint is written: a
 * listen backlog large enough for the load generator's connections, and a kitchen client whose
 * connection pool does not cap the concurrency under test.
 */
@Configuration(proxyBeanMethods = false)
class LoadReadyConfiguration {

	@Bean
	NettyServerCustomizer listenBacklog() {
		return (server) -> server.option(ChannelOption.SO_BACKLOG, 8192);
	}

	@Bean
	WebClientCustomizer kitchenConnectionPool() {
		ConnectionProvider provider = ConnectionProvider.builder("kitchen")
			.maxConnections(4096)
			.pendingAcquireMaxCount(-1)
			.build();
		return (builder) -> builder.clientConnector(new ReactorClientHttpConnector(HttpClient.create(provider)));
	}

	@Bean
	WebClient kitchen(WebClient.Builder builder, @Value("${kitchen.url:http://127.0.0.1:8090}") String kitchenUrl) {
		return builder.baseUrl(kitchenUrl).build();
	}

}
