package io.blockingbridge.timelimit;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeScope;
import io.blockingbridge.web.BlockingHandlers;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * An application whose database never hands out a connection, with a blocking repository and two
 * functional endpoints: {@code /never} awaits a Mono that never completes, {@code /limit} answers
 * the time limit its scope has.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class TimeLimitTestApplication {

	@Bean
	ConnectionFactory connectionFactory() {
		return new NeverConnectingConnectionFactory();
	}

	@Bean
	RouterFunction<ServerResponse> timeLimitRoutes() {
		return RouterFunctions.route()
			.GET("/never", BlockingHandlers.of((request) -> ServerResponse.ok()
				.bodyValue(String.valueOf(Bridge.await(Mono.<String>never())))))
			.GET("/limit", BlockingHandlers.of((request) -> ServerResponse.ok()
				.bodyValue(BridgeScope.currentTimeout().toString())))
			.build();
	}

	/** A database whose connections never come: every request for one waits forever. */
	static final class NeverConnectingConnectionFactory implements ConnectionFactory {

		@Override
		public Publisher<? extends Connection> create() {
			return Mono.never();
		}

		@Override
		public ConnectionFactoryMetadata getMetadata() {
			return () -> "H2";
		}

	}

	/** An HTTP peer on a random local port that accepts every request and never answers it. */
	static DisposableServer silentPeer() {
		return HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> response.sendString(Mono.never()))
			.bindNow();
	}

}
