package io.blockingbridge.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BridgeEndpointAutoConfiguration}: the actuator endpoint {@code bridge} when the actuator is
 * there and the endpoint is available, and nothing otherwise.
 */
class BridgeEndpointAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebFluxAutoConfiguration.class,
				BridgeAutoConfiguration.class, BlockingStyleWebFluxAutoConfiguration.class,
				BridgeEndpointAutoConfiguration.class));

	@Test
	void endpointWhenExposed() {
		this.runner.withPropertyValues("bridge.enabled=true", "management.endpoints.web.exposure.include=bridge")
			.run((context) -> assertThat(context).hasSingleBean(BridgeEndpoint.class));
	}

	@Test
	void noEndpointWhenNotExposed() {
		this.runner.withPropertyValues("bridge.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(BridgeEndpoint.class));
	}

	@Test
	void noEndpointWhenItsAccessIsNone() {
		this.runner
			.withPropertyValues("bridge.enabled=true", "management.endpoints.web.exposure.include=bridge",
					"management.endpoint.bridge.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(BridgeEndpoint.class));
	}

	@Test
	void noEndpointWithoutTheActuatorOnTheClasspath() {
		this.runner.withPropertyValues("bridge.enabled=true", "management.endpoints.web.exposure.include=bridge")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(BridgeEndpoint.class);
			});
	}

	@Test
	void noEndpointWithoutTheBridge() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=bridge")
			.run((context) -> assertThat(context).doesNotHaveBean(BridgeEndpoint.class));
	}

}
