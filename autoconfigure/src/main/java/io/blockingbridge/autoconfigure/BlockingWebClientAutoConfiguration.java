package io.blockingbridge.autoconfigure;

import io.blockingbridge.core.BridgeSettings;
import io.blockingbridge.http.BlockingWebClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Scope;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of {@link BlockingWebClient}: a prototype {@link BlockingWebClient.Builder}
 * bean that starts from the application's {@link WebClient.Builder}, so that its customizers,
 * codecs, filters, connector and observation apply. Active when {@code bridge.enabled} is true.
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class)
@ConditionalOnClass(WebClient.class)
@ConditionalOnBooleanProperty("bridge.enabled")
@Conditional(BridgeJavaVersionCondition.class)
public final class BlockingWebClientAutoConfiguration {

	/**
	 * Create the auto-configuration; Spring Boot does when it applies.
	 */
	public BlockingWebClientAutoConfiguration() {
	}

	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	BlockingWebClient.Builder blockingWebClientBuilder(ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<BridgeSettings> settings) {
		return BlockingWebClient.builder(webClientBuilder.getIfAvailable(WebClient::builder),
				settings.getIfAvailable(BridgeSettings::defaults));
	}

}
