package io.blockingbridge.autoconfigure;

import io.blockingbridge.web.BlockingStyleRequests;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration of the actuator endpoint {@code bridge} ({@link BridgeEndpoint}), the live view
 * of blocked requests, when Spring Boot's actuator is on the classpath and the endpoint is available
 * (enabled, and exposed over some technology). Active when {@code bridge.enabled} is true.
 */
@AutoConfiguration(after = BlockingStyleWebFluxAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
		"org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
@ConditionalOnBooleanProperty("bridge.enabled")
@Conditional(BridgeJavaVersionCondition.class)
public final class BridgeEndpointAutoConfiguration {

	/**
	 * Create the auto-configuration; Spring Boot does when it applies.
	 */
	public BridgeEndpointAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(BlockingStyleRequests.class)
	@ConditionalOnAvailableEndpoint(BridgeEndpoint.class)
	BridgeEndpoint bridgeEndpoint(BlockingStyleRequests requests) {
		return new BridgeEndpoint(requests);
	}

}
