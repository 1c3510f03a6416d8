package io.blockingbridge.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the detection of virtual threads pinned to their carrier thread: a JDK
 * Flight Recorder stream of {@code jdk.VirtualThreadPinned} events, running while the application
 * context runs, that counts them in the {@code bridge.virtual-threads.pinned} metric (when there is
 * a {@code MeterRegistry}) and logs them, at most one warning per {@code bridge.pinning.log-interval}.
 * Active when {@code bridge.enabled} is true and {@code bridge.pinning.detect} is true, or unset in
 * an application with a {@code MeterRegistry} (actuator metrics).
 */
@AutoConfiguration(after = BridgeAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnBooleanProperty("bridge.enabled")
@Conditional({ BridgeJavaVersionCondition.class, PinningDetectionCondition.class })
@EnableConfigurationProperties(BridgeProperties.class)
public final class BridgePinningAutoConfiguration {

	/**
	 * Create the auto-configuration; Spring Boot does when it applies.
	 */
	public BridgePinningAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	PinningDetector bridgePinningDetector(BridgeProperties properties, ObjectProvider<PinnedThreadCounter> counter) {
		BridgeProperties.Pinning pinning = properties.pinning();
		return new PinningDetector(pinning.threshold(), new PinningWarnings(pinning.logInterval()),
				counter.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class PinningMetricsConfiguration {

		@Bean
		@ConditionalOnBean(MeterRegistry.class)
		PinnedThreadCounter bridgePinnedThreadCounter(MeterRegistry registry) {
			return new PinnedThreadCounter(registry);
		}

	}

}
