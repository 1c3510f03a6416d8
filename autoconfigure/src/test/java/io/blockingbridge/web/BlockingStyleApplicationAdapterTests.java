package io.blockingbridge.web;

import java.util.Map;

import io.blockingbridge.core.Bridge;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webflux.autoconfigure.WebFluxRegistrations;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.reactive.config.BlockingExecutionConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge works through the application's own {@code RequestMappingHandlerAdapter}: a subclass
 * registered with {@link WebFluxRegistrations} handles blocking-style requests, the argument
 * resolvers of a {@link WebFluxConfigurer} apply, and a predicate given to
 * {@code configureBlockingExecution} without an executor decides which methods
 * {@code bridge.web.all-non-reactive} takes.
 */
@SpringBootTest(classes = BlockingStyleApplicationAdapterTests.AdapterApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.enabled=true", "bridge.web.all-non-reactive=true" })
@AutoConfigureWebTestClient
class BlockingStyleApplicationAdapterTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private WebTestClient client;

	@Test
	void applicationsAdapterSubclassHandlesBlockingStyleRequests() {
		this.client.get().uri("/adapter/virtual").exchange().expectStatus().isOk()
			.expectHeader().valueEquals("X-Adapter", "custom")
			.expectBody().jsonPath("$.virtual").isEqualTo(true);
	}

	@Test
	void argumentResolverOfAWebFluxConfigurerResolvesArgumentsOfBlockingStyleMethods() {
		this.client.get().uri("/adapter/caller").header("X-Caller", "ann").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.caller").isEqualTo("ann").jsonPath("$.virtual").isEqualTo(true);
	}

	@Test
	void methodThatTheApplicationsPredicateRefusesStaysOnTheEventLoop() {
		Map<String, Object> body = this.client.get().uri("/adapter/event-loop").exchange().expectStatus().isOk()
			.expectBody(JSON_MAP).returnResult().getResponseBody();
		assertThat(body).containsEntry("virtual", false);
		assertThat((String) body.get("thread")).containsAnyOf("reactor-http", "webflux-http");
	}

	@Test
	void methodThatTheApplicationsPredicateSelectsRunsOnTheBridge() {
		this.client.get().uri("/adapter/virtual").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.virtual").isEqualTo(true).jsonPath("$.awaited").isEqualTo("value");
	}

	record Caller(String name) {
	}

	/** The application's own adapter: it marks every response it handles. */
	static class CustomAdapter extends RequestMappingHandlerAdapter {

		@Override
		public Mono<HandlerResult> handle(ServerWebExchange exchange, Object handler) {
			exchange.getResponse().getHeaders().set("X-Adapter", "custom");
			return super.handle(exchange, handler);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(AdapterController.class)
	static class AdapterApplication {

		@Bean
		WebFluxRegistrations customAdapterRegistration() {
			return new WebFluxRegistrations() {

				@Override
				public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
					return new CustomAdapter();
				}

			};
		}

		@Bean
		WebFluxConfigurer callerArgumentsAndBlockingPredicate() {
			return new WebFluxConfigurer() {

				@Override
				public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
					configurer.addCustomResolver(new HandlerMethodArgumentResolver() {

						@Override
						public boolean supportsParameter(MethodParameter parameter) {
							return parameter.getParameterType() == Caller.class;
						}

						@Override
						public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
								ServerWebExchange exchange) {
							return Mono.justOrEmpty(exchange.getRequest().getHeaders().getFirst("X-Caller")).map(Caller::new);
						}

					});
				}

				@Override
				public void configureBlockingExecution(BlockingExecutionConfigurer configurer) {
					configurer.setControllerMethodPredicate(
							(handlerMethod) -> !handlerMethod.getMethod().getName().startsWith("eventLoop"));
				}

			};
		}

	}

	@RestController
	static class AdapterController {

		@GetMapping("/adapter/virtual")
		Map<String, Object> virtual() {
			return Map.of("virtual", Thread.currentThread().isVirtual(), "awaited", Bridge.await(Mono.just("value")));
		}

		@GetMapping("/adapter/caller")
		Map<String, Object> caller(Caller caller) {
			return Map.of("caller", caller.name(), "virtual", Thread.currentThread().isVirtual());
		}

		@GetMapping("/adapter/event-loop")
		Map<String, Object> eventLoopOnly() {
			return Map.of("virtual", Thread.currentThread().isVirtual(), "thread", Thread.currentThread().getName());
		}

	}

}
