package io.blockingbridge.benchmarks.webflux;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Profile {@code metrics} (with {@code B}: variant BM): a MeterRegistry, so that the bridge records its
 * metrics. Only the bridge's meters: no actuator, no HTTP server observations, so that B against BM
 * measures the bridge's metrics alone.
 */
@Configuration(proxyBeanMethods = false)
@Profile("metrics")
class MetricsConfiguration {

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

}
