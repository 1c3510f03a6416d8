package io.blockingbridge.autoconfigure;

import io.blockingbridge.core.AwaitObserver;
import io.blockingbridge.core.BridgeSettings;
import io.blockingbridge.web.BlockingHandlers;
import io.blockingbridge.web.BlockingStyleHandshakes;
import io.blockingbridge.web.BlockingStyleAdmission;
import io.blockingbridge.web.BlockingStyleHandlerAdapter;
import io.blockingbridge.web.BlockingStyleMethods;
import io.blockingbridge.web.BlockingStyleRequestListener;
import io.blockingbridge.web.BlockingStyleRequests;
import io.blockingbridge.web.BridgeTimeoutWebExceptionHandler;
import io.blockingbridge.web.DroppedBufferReleasingWebFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.WebFilter;

/**
 * Auto-configuration of {@link io.blockingbridge.web.BlockingStyle @BlockingStyle} controllers in a
 * reactive web application. With {@code bridge.enabled: true} it registers the handler adapter that
 * runs them on virtual threads, prepares the application's {@code RequestMappingHandlerAdapter} for
 * them, the filter that hands the adapter's runner to {@code BlockingHandlers} functions, and, with
 * {@code bridge.web.max-concurrent-requests}, the admission limit; without it, it
 * stops the start if any controller asks for blocking style, naming the property.
 */
@AutoConfiguration(after = { WebFluxAutoConfiguration.class, BridgeAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(RequestMappingHandlerAdapter.class)
@Conditional(BridgeJavaVersionCondition.class)
public final class BlockingStyleWebFluxAutoConfiguration {

	/**
	 * Create the auto-configuration; Spring Boot does when it applies.
	 */
	public BlockingStyleWebFluxAutoConfiguration() {
	}

	/**
	 * Checks the {@code @BlockingStyle} mappings once the context is refreshed, whether the bridge is
	 * on (then with the methods bean) or off (then it stops the start if any mapping asks for it).
	 * @param mappings the request mappings
	 * @param methods the blocking-style methods, present when {@code bridge.enabled} is true
	 * @return the verifier
	 */
	@Bean
	static BlockingStyleMappingVerifier blockingStyleMappingVerifier(
			ObjectProvider<RequestMappingHandlerMapping> mappings, ObjectProvider<BlockingStyleMethods> methods) {
		return new BlockingStyleMappingVerifier(mappings, methods);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("bridge.enabled")
	@EnableConfigurationProperties(BridgeProperties.class)
	static final class BridgeEnabledConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BlockingStyleMethods blockingStyleMethods(
				@Qualifier("webFluxAdapterRegistry") ObjectProvider<ReactiveAdapterRegistry> adapterRegistry,
				BridgeProperties properties) {
			return new BlockingStyleMethods(adapterRegistry.getIfAvailable(ReactiveAdapterRegistry::getSharedInstance),
					properties.web().allNonReactive());
		}

		@Bean
		static BeanPostProcessor blockingStyleAdapterPostProcessor(
				ObjectProvider<BlockingStyleMethods> blockingStyleMethods,
				@Qualifier("webFluxAdapterRegistry") ObjectProvider<ReactiveAdapterRegistry> adapterRegistry) {
			return BlockingStyleHandlerAdapter.requestMappingHandlerAdapterPostProcessor(blockingStyleMethods,
					adapterRegistry);
		}

		@Bean
		@ConditionalOnMissingBean
		BlockingStyleHandlerAdapter blockingStyleHandlerAdapter(RequestMappingHandlerAdapter requestMappingHandlerAdapter,
				BlockingStyleMethods blockingStyleMethods, BridgeSettings settings,
				ObjectProvider<BlockingStyleAdmission> admission, BlockingStyleRequests requests,
				BridgeProperties properties) {
			BlockingStyleHandlerAdapter adapter = new BlockingStyleHandlerAdapter(requestMappingHandlerAdapter,
					blockingStyleMethods, settings.timeout(), admission.getIfAvailable());
			adapter.setRequests(requests);
			adapter.setStreamStallTimeout(properties.web().streamStallTimeout());
			return adapter;
		}

		@Bean
		@ConditionalOnMissingBean(name = "blockingWebSocketHandshakeFilter")
		WebFilter blockingWebSocketHandshakeFilter(BridgeProperties properties) {
			return BlockingStyleHandshakes.filter(properties.websocket().maxSessions());
		}

		@Bean
		@ConditionalOnMissingBean(name = "blockingHandlersRunnerFilter")
		WebFilter blockingHandlersRunnerFilter(BlockingStyleHandlerAdapter adapter) {
			return BlockingHandlers.runnerFilter(adapter);
		}

		@Bean
		@ConditionalOnMissingBean
		BlockingStyleRequests blockingStyleRequests(ObjectProvider<BlockingStyleRequestListener> listener,
				ObjectProvider<AwaitObserver> awaitObserver) {
			return new BlockingStyleRequests(listener.getIfUnique(), awaitObserver.getIfUnique());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnExpression("${bridge.web.max-concurrent-requests:0} != 0")
		BlockingStyleAdmission blockingStyleAdmission(BridgeProperties properties) {
			return new BlockingStyleAdmission(properties.web().maxConcurrentRequests(), properties.web().retryAfter());
		}

		@Bean
		@ConditionalOnMissingBean
		DroppedBufferReleasingWebFilter droppedBufferReleasingWebFilter() {
			return new DroppedBufferReleasingWebFilter();
		}

		@Bean
		@ConditionalOnMissingBean
		BridgeTimeoutWebExceptionHandler bridgeTimeoutWebExceptionHandler() {
			return new BridgeTimeoutWebExceptionHandler();
		}

	}

}
