package io.blockingbridge.autoconfigure;

import io.blockingbridge.core.BridgeSettings;
import io.blockingbridge.http.BridgeClientHttpRequestFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of Spring's {@link RestClient} over the bridge: a
 * {@link ClientHttpRequestFactoryBuilder} bean whose factory is a
 * {@link BridgeClientHttpRequestFactory} over the application's {@link WebClient.Builder} (its
 * customizers, filters, codecs and connector), so that the injected {@code RestClient.Builder},
 * {@code RestTemplateBuilder} and the HTTP service groups of {@code @HttpExchange} interfaces run
 * their requests through it. Active when {@code bridge.enabled} is true, unless
 * {@code bridge.http.rest-client.enabled} is false or the application chose its own request
 * factory: a {@link ClientHttpRequestFactoryBuilder} bean of its own, or the property
 * {@code spring.http.clients.imperative.factory}. A {@code RestClientCustomizer} that sets a
 * request factory wins as well, since customizers run after the factory is set.
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class,
		before = { RestClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class })
@ConditionalOnClass({ WebClient.class, RestClient.class, RestClientAutoConfiguration.class,
		ClientHttpRequestFactoryBuilder.class })
@ConditionalOnBooleanProperty("bridge.enabled")
@ConditionalOnBooleanProperty(name = "bridge.http.rest-client.enabled", matchIfMissing = true)
@Conditional(BridgeJavaVersionCondition.class)
public final class BridgeRestClientAutoConfiguration {

	/**
	 * Create the auto-configuration; Spring Boot does when it applies.
	 */
	public BridgeRestClientAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(ClientHttpRequestFactoryBuilder.class)
	@Conditional(NoImperativeFactoryChosen.class)
	ClientHttpRequestFactoryBuilder<?> bridgeClientHttpRequestFactoryBuilder(
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<BridgeSettings> settings,
			ResourceLoader resourceLoader) {
		return new BridgeClientHttpRequestFactoryBuilder(
				() -> new BridgeClientHttpRequestFactory(webClientBuilder.getIfAvailable(WebClient::builder).build(),
						settings.getIfAvailable(BridgeSettings::defaults)),
				() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader()));
	}

	/** The application did not choose a request factory with Spring Boot's property. */
	static final class NoImperativeFactoryChosen extends SpringBootCondition {

		private static final String PROPERTY = "spring.http.clients.imperative.factory";

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String chosen = context.getEnvironment().getProperty(PROPERTY);
			if (chosen != null && !chosen.isBlank()) {
				return ConditionOutcome.noMatch("the application chose its request factory: " + PROPERTY + "=" + chosen);
			}
			return ConditionOutcome.match(PROPERTY + " is not set");
		}

	}

}
