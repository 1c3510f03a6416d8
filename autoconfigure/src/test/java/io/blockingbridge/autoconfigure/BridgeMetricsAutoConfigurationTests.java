package io.blockingbridge.autoconfigure;

import io.blockingbridge.web.BlockingStyleHandlerAdapter;
import io.blockingbridge.web.BlockingStyleRequests;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BridgeMetricsAutoConfiguration}: the bridge's metrics when the application has a
 * MeterRegistry, unless switched off, and nothing without Micrometer.
 */
class BridgeMetricsAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebFluxAutoConfiguration.class,
				BridgeAutoConfiguration.class, BlockingStyleWebFluxAutoConfiguration.class,
				BridgeMetricsAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner withRegistry = this.runner.withConfiguration(AutoConfigurations
		.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class));

	@Test
	void recordsMetricsWhenTheApplicationHasAMeterRegistry() {
		this.withRegistry.withPropertyValues("bridge.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(MicrometerBridgeMetrics.class);
			BlockingStyleRequests requests = context.getBean(BlockingStyleRequests.class);
			assertThat(context.getBean(BlockingStyleHandlerAdapter.class).getRequests()).isSameAs(requests);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("bridge.requests.active").gauge()).isNotNull();
			assertThat(registry.find("bridge.awaits").tag("outcome", "interrupted").counter()).isNotNull();
		});
	}

	@Test
	void recordsMetricsInARegistryOfTheApplicationsOwn() {
		this.runner.withPropertyValues("bridge.enabled=true")
			.withBean(SimpleMeterRegistry.class)
			.run((context) -> assertThat(context).hasSingleBean(MicrometerBridgeMetrics.class));
	}

	@Test
	void switchedOffByProperty() {
		this.withRegistry.withPropertyValues("bridge.enabled=true", "bridge.metrics.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(MicrometerBridgeMetrics.class);
			assertThat(context).hasSingleBean(BlockingStyleRequests.class);
			assertThat(context.getBean(MeterRegistry.class).find("bridge.requests.active").gauge()).isNull();
		});
	}

	@Test
	void noMetricsWithoutAMeterRegistry() {
		this.runner.withPropertyValues("bridge.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(MicrometerBridgeMetrics.class);
			assertThat(context).hasSingleBean(BlockingStyleRequests.class);
		});
	}

	@Test
	void noMetricsWithoutMicrometerOnTheClasspath() {
		this.runner.withPropertyValues("bridge.enabled=true")
			.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(MicrometerBridgeMetrics.class);
				assertThat(context).hasSingleBean(BlockingStyleHandlerAdapter.class);
			});
	}

	@Test
	void noMetricsWithoutTheBridge() {
		this.withRegistry.run((context) -> assertThat(context).doesNotHaveBean(MicrometerBridgeMetrics.class));
	}

}
