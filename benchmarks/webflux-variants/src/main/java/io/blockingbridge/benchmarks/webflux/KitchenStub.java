package io.blockingbridge.benchmarks.webflux;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The kitchen stub every variant calls: answers {@code {"mins": 7}} after a fixed delay
 * ({@code kitchen.delay}, 20 ms unless set) without holding a thread.
 */
@Configuration(proxyBeanMethods = false)
@Profile("kitchen")
class KitchenStub {

	@Bean
	RouterFunction<ServerResponse> kitchenRoutes(@Value("${kitchen.delay:20ms}") Duration delay) {
		return RouterFunctions.route()
			.GET("/cook", (request) -> Mono.delay(delay).then(ServerResponse.ok().bodyValue(new KitchenTicket(7))))
			.build();
	}

}
