package io.blockingbridge.autoconfigure;

import io.blockingbridge.http.BlockingWebClient;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BlockingWebClientAutoConfiguration}: the prototype builder bean and its conditions.
 */
class BlockingWebClientAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(WebClientAutoConfiguration.class, BlockingWebClientAutoConfiguration.class));

	@Test
	void providesAPrototypeBuilderWhenTheBridgeIsEnabled() {
		this.runner.withPropertyValues("bridge.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(BlockingWebClient.Builder.class);
			assertThat(context.getBean(BlockingWebClient.Builder.class))
				.isNotSameAs(context.getBean(BlockingWebClient.Builder.class));
		});
	}

	@Test
	void providesNothingUnlessTheBridgeIsEnabled() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(BlockingWebClient.Builder.class));
		this.runner.withPropertyValues("bridge.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BlockingWebClient.Builder.class));
	}

	@Test
	void backsOffForABuilderOfTheApplication() {
		this.runner.withPropertyValues("bridge.enabled=true")
			.withUserConfiguration(OwnBuilderConfiguration.class)
			.run((context) -> assertThat(context.getBean(BlockingWebClient.Builder.class))
				.isSameAs(context.getBean(OwnBuilderConfiguration.class).builder));
	}

	@Test
	void builderStartsFromTheApplicationsWebClientBuilderAndItsCustomizers() {
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> response
				.sendString(Mono.just(String.valueOf(request.requestHeaders().get("X-Customized")))))
			.bindNow();
		try {
			this.runner.withPropertyValues("bridge.enabled=true")
				.withBean(WebClientCustomizer.class, () -> (builder) -> builder.defaultHeader("X-Customized", "yes"))
				.run((context) -> {
					BlockingWebClient client = context.getBean(BlockingWebClient.Builder.class)
						.baseUrl("http://127.0.0.1:" + server.port())
						.build();
					assertThat(client.get().uri("/").retrieve().body(String.class)).isEqualTo("yes");
				});
		}
		finally {
			server.disposeNow();
		}
	}

	@Test
	void worksWithoutTheWebClientAutoConfiguration() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BlockingWebClientAutoConfiguration.class))
			.withPropertyValues("bridge.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(BlockingWebClient.Builder.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBuilderConfiguration {

		final BlockingWebClient.Builder builder = BlockingWebClient.builder();

		@Bean
		BlockingWebClient.Builder ownBuilder() {
			return this.builder;
		}

	}

}
