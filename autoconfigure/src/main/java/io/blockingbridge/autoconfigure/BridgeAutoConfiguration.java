package io.blockingbridge.autoconfigure;

import java.time.Duration;

import io.blockingbridge.core.BridgeScope;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the bridge core: applies {@code bridge.timeout} to awaits outside of
 * requests. Active when {@code bridge.enabled} is true.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty("bridge.enabled")
@EnableConfigurationProperties(BridgeProperties.class)
public final class BridgeAutoConfiguration {

	@Bean
	BridgeDefaultTimeout bridgeDefaultTimeout(BridgeProperties properties) {
		return new BridgeDefaultTimeout(properties);
	}

	/** Sets the bridge's default time limit while the application runs. */
	static final class BridgeDefaultTimeout implements InitializingBean, DisposableBean {

		private final BridgeProperties properties;

		private final Duration previous = BridgeScope.defaultTimeout();

		BridgeDefaultTimeout(BridgeProperties properties) {
			this.properties = properties;
		}

		@Override
		public void afterPropertiesSet() {
			BridgeScope.setDefaultTimeout(this.properties.timeout());
		}

		@Override
		public void destroy() {
			BridgeScope.setDefaultTimeout(this.previous);
		}

	}

}
