package io.blockingbridge.autoconfigure;

import io.blockingbridge.web.BlockingStyleRequests;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the bridge's metrics, when the application has a Micrometer
 * {@code MeterRegistry} bean and {@code bridge.metrics.enabled} is not false: the timer
 * {@code bridge.requests}, the gauge {@code bridge.requests.active} and the counter
 * {@code bridge.awaits}. Active when {@code bridge.enabled} is true.
 */
@AutoConfiguration(after = BlockingStyleWebFluxAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBooleanProperty("bridge.enabled")
@Conditional(BridgeJavaVersionCondition.class)
public final class BridgeMetricsAutoConfiguration {

	/**
	 * Create the auto-configuration; Spring Boot does when it applies.
	 */
	public BridgeMetricsAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "bridge.metrics.enabled", matchIfMissing = true)
	@ConditionalOnBean(MeterRegistry.class)
	static final class MetricsEnabledConfiguration {

		@Bean
		MicrometerBridgeMetrics bridgeMetrics(MeterRegistry registry) {
			return new MicrometerBridgeMetrics(registry);
		}

		@Bean
		MeterBinder bridgeActiveRequestsMeterBinder(ObjectProvider<BlockingStyleRequests> requests) {
			return (registry) -> requests.ifAvailable((inFlight) -> Gauge
				.builder("bridge.requests.active", inFlight, BlockingStyleRequests::count)
				.description("Blocking-style requests in flight")
				.register(registry));
		}

	}

}
