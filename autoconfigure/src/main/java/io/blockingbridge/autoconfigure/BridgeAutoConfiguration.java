package io.blockingbridge.autoconfigure;

import io.blockingbridge.core.BridgeSettings;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration of the bridge core: the {@link BridgeSettings} of this application context,
 * the one path from the {@code bridge.*} properties to the components that open bridge scopes
 * (blocking-style requests, transactions, clients, repositories, functional endpoints), registered
 * while the context runs (see {@link BridgeSettings#register(Object)}), so that two application
 * contexts in one JVM keep their own {@code bridge.timeout}. Active when {@code bridge.enabled} is
 * true.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty("bridge.enabled")
@EnableConfigurationProperties(BridgeProperties.class)
@Conditional(BridgeJavaVersionCondition.class)
public final class BridgeAutoConfiguration {

	/**
	 * Create the auto-configuration; Spring Boot does when it applies.
	 */
	public BridgeAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	BridgeSettings bridgeSettings(BridgeProperties properties) {
		return new BridgeSettings(properties.timeout());
	}

	@Bean
	BridgeSettingsRegistrar bridgeSettingsRegistrar(ApplicationContext application, BridgeSettings settings) {
		return new BridgeSettingsRegistrar(application, settings);
	}

}
