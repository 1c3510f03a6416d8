package io.blockingbridge.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.blockingbridge.core.BridgeTimeoutException;
import io.blockingbridge.core.BridgeUsageException;
import io.blockingbridge.web.BlockingStyle;
import io.blockingbridge.web.BlockingStyleAdmission;
import io.blockingbridge.web.BlockingStyleHandlerAdapter;
import io.blockingbridge.web.BlockingStyleMethods;
import io.blockingbridge.web.BridgeTimeoutWebExceptionHandler;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BlockingStyleWebFluxAutoConfiguration}: how the application starts, or refuses to, with
 * blocking-style controllers.
 */
class BlockingStyleWebFluxAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebFluxAutoConfiguration.class,
				BridgeAutoConfiguration.class, BlockingStyleWebFluxAutoConfiguration.class));

	@Test
	void webSocketHandshakeFilterIsRegisteredWithTheBridgeAndBacksOffForOneOfTheSameName() {
		this.runner.withPropertyValues("bridge.enabled=true", "bridge.websocket.max-sessions=3")
			.run((context) -> assertThat(context).hasBean("blockingWebSocketHandshakeFilter"));
		this.runner.run((context) -> assertThat(context).doesNotHaveBean("blockingWebSocketHandshakeFilter"));
		this.runner.withPropertyValues("bridge.enabled=true")
			.withBean("blockingWebSocketHandshakeFilter", org.springframework.web.server.WebFilter.class,
					() -> (exchange, chain) -> chain.filter(exchange))
			.run((context) -> assertThat(context.getBean("blockingWebSocketHandshakeFilter").getClass().getName())
				.doesNotContain("BlockingStyleHandshakes"));
	}

	@Test
	void blockingStyleMethodWithAReactiveReturnTypeFailsTheStartNamingIt() {
		this.runner.withPropertyValues("bridge.enabled=true").withUserConfiguration(ReactiveBlockingStyleController.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.isInstanceOf(BridgeUsageException.class)
					.hasMessageContaining("ReactiveBlockingStyleController#hello()")
					.hasMessageContaining("returns the reactive type Mono")
					.hasMessageContaining("Return a plain (non-reactive) type");
			});
	}

	@Test
	void blockingStyleControllerWithoutTheBridgeFailsTheStartNamingTheProperty() {
		this.runner.withUserConfiguration(PlainBlockingStyleController.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.isInstanceOf(BridgeUsageException.class)
				.hasMessageContaining("PlainBlockingStyleController#hello()")
				.hasMessageContaining("'bridge.enabled'");
		});
	}

	@Test
	void bridgeDisabledExplicitlyAlsoFailsTheStart() {
		this.runner.withPropertyValues("bridge.enabled=false").withUserConfiguration(PlainBlockingStyleController.class)
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void bridgeEnabledWithPlainControllersStartsAndRegistersTheAdapter() {
		this.runner.withPropertyValues("bridge.enabled=true").withUserConfiguration(PlainBlockingStyleController.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(BlockingStyleHandlerAdapter.class);
			});
	}

	@Test
	void applicationsOwnWebBeansWin() {
		this.runner.withPropertyValues("bridge.enabled=true", "bridge.web.max-concurrent-requests=5")
			.withUserConfiguration(PlainBlockingStyleController.class, OwnWebBeans.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).getBean(BlockingStyleMethods.class).isSameAs(OwnWebBeans.METHODS);
				assertThat(context).getBean(BlockingStyleAdmission.class).isSameAs(OwnWebBeans.ADMISSION);
				assertThat(context).getBean(BridgeTimeoutWebExceptionHandler.class).isSameAs(OwnWebBeans.TIMEOUTS);
				assertThat(context).getBeanNames(BlockingStyleHandlerAdapter.class).containsExactly("ownAdapter");
			});
	}

	@Test
	void enabledBridgeAnswersUnhandledTimeoutsWithGatewayTimeout() {
		this.runner.withPropertyValues("bridge.enabled=true").run((context) -> {
			BridgeTimeoutWebExceptionHandler handler = context.getBean(BridgeTimeoutWebExceptionHandler.class);
			MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
			StepVerifier.create(handler.handle(exchange, new BridgeTimeoutException(Duration.ofSeconds(1))))
				.verifyErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ResponseStatusException.class,
						(status) -> assertThat(status.getStatusCode()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT)));
			IllegalStateException other = new IllegalStateException("other");
			StepVerifier.create(handler.handle(exchange, other)).verifyErrorSatisfies((ex) -> assertThat(ex).isSameAs(other));
		});
	}

	@Test
	void withoutTheBridgeNothingIsRegisteredAndUnannotatedControllersStart() {
		this.runner.withUserConfiguration(UnannotatedController.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(BlockingStyleHandlerAdapter.class);
		});
	}

	@Test
	void theMappingVerifierIsRegisteredOnceWhetherTheBridgeIsOnOrOff() {
		this.runner.withPropertyValues("bridge.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(BlockingStyleMappingVerifier.class));
		this.runner.withPropertyValues("bridge.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(BlockingStyleMappingVerifier.class));
		this.runner.run((context) -> assertThat(context).hasSingleBean(BlockingStyleMappingVerifier.class));
	}

	@Test
	void allNonReactiveTreatsEveryNonReactiveMethodAsBlockingStyle() {
		this.runner.withPropertyValues("bridge.enabled=true", "bridge.web.all-non-reactive=true")
			.withUserConfiguration(UnannotatedController.class)
			.run((context) -> {
				BlockingStyleHandlerAdapter adapter = context.getBean(BlockingStyleHandlerAdapter.class);
				UnannotatedController controller = context.getBean(UnannotatedController.class);
				assertThat(adapter.supports(new HandlerMethod(controller, "plain"))).isTrue();
				assertThat(adapter.supports(new HandlerMethod(controller, "reactive"))).isFalse();
			});
	}

	@Test
	void byDefaultOnlyAnnotatedMethodsAreBlockingStyle() {
		this.runner.withPropertyValues("bridge.enabled=true")
			.withUserConfiguration(UnannotatedController.class, PlainBlockingStyleController.class)
			.run((context) -> {
				BlockingStyleHandlerAdapter adapter = context.getBean(BlockingStyleHandlerAdapter.class);
				assertThat(adapter.supports(new HandlerMethod(context.getBean(UnannotatedController.class), "plain")))
					.isFalse();
				assertThat(adapter
					.supports(new HandlerMethod(context.getBean(PlainBlockingStyleController.class), "hello"))).isTrue();
			});
	}

	@RestController
	static class ReactiveBlockingStyleController {

		@BlockingStyle
		@GetMapping("/hello")
		Mono<String> hello() {
			return Mono.just("hello");
		}

	}

	@RestController
	@BlockingStyle
	static class PlainBlockingStyleController {

		@GetMapping("/plain-hello")
		public String hello() {
			return "hello";
		}

	}

	@RestController
	static class UnannotatedController {

		@GetMapping("/plain")
		public Map<String, Object> plain() {
			return Map.of();
		}

		@GetMapping("/reactive")
		public Mono<String> reactive() {
			return Mono.just("r");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnWebBeans {

		static final BlockingStyleMethods METHODS = new BlockingStyleMethods(
				ReactiveAdapterRegistry.getSharedInstance(), false);

		static final BlockingStyleAdmission ADMISSION = new BlockingStyleAdmission(1, Duration.ofSeconds(2));

		static final BridgeTimeoutWebExceptionHandler TIMEOUTS = new BridgeTimeoutWebExceptionHandler();

		@Bean
		BlockingStyleMethods ownMethods() {
			return METHODS;
		}

		@Bean
		BlockingStyleAdmission ownAdmission() {
			return ADMISSION;
		}

		@Bean
		BridgeTimeoutWebExceptionHandler ownTimeouts() {
			return TIMEOUTS;
		}

		@Bean
		BlockingStyleHandlerAdapter ownAdapter(RequestMappingHandlerAdapter requestMappingHandlerAdapter) {
			return new BlockingStyleHandlerAdapter(requestMappingHandlerAdapter, METHODS, Duration.ofSeconds(5));
		}

	}

}
