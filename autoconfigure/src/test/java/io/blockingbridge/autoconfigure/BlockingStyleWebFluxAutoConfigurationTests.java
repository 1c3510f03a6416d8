package io.blockingbridge.autoconfigure;

import java.util.Map;

import io.blockingbridge.core.BridgeUsageException;
import io.blockingbridge.web.BlockingStyle;
import io.blockingbridge.web.BlockingStyleHandlerAdapter;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;

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

}
