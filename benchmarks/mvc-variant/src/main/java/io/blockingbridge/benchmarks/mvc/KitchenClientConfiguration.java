package io.blockingbridge.benchmarks.mvc;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP client of variant D, as a Spring MVC application under high concurrency would keep it:
 * {@code RestClient} on Apache HttpClient 5 with a bounded pool of connections to the kitchen
 * (requests beyond it wait for a connection), instead of the JDK's HttpClient that Boot picks by
 * default and that opens one more connection, with its buffers, for every concurrent request.
 */
@Configuration(proxyBeanMethods = false)
class KitchenClientConfiguration {

	@Bean
	HttpComponentsClientHttpRequestFactoryBuilder kitchenRequestFactoryBuilder(
			@Value("${kitchen.max-connections:512}") int maxConnections,
			@Value("${kitchen.pool-timeout:30s}") Duration poolTimeout) {
		return ClientHttpRequestFactoryBuilder.httpComponents()
			.withConnectionManagerCustomizer(
					(manager) -> manager.setMaxConnTotal(maxConnections).setMaxConnPerRoute(maxConnections))
			.withDefaultRequestConfigCustomizer(
					(request) -> request.setConnectionRequestTimeout(org.apache.hc.core5.util.Timeout.of(poolTimeout)));
	}

}
