package io.blockingbridge.autoconfigure;

import io.blockingbridge.security.BlockingAccessDeniedWebFilter;
import io.blockingbridge.security.BlockingMethodSecurityPostProcessor;
import io.blockingbridge.security.BlockingSecurityContextWebFilter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BlockingSecurityAutoConfiguration}: on with the bridge, off by property, and backing off
 * cleanly when Spring Security is not on the classpath.
 */
class BlockingSecurityAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BridgeAutoConfiguration.class, BlockingSecurityAutoConfiguration.class))
		.withPropertyValues("bridge.enabled=true");

	@Test
	void onWithTheBridge() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(BlockingSecurityContextWebFilter.class)
			.hasSingleBean(BlockingAccessDeniedWebFilter.class)
			.hasSingleBean(BlockingMethodSecurityPostProcessor.class));
	}

	@Test
	void offWithoutTheBridge() {
		this.runner.withPropertyValues("bridge.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(BlockingSecurityContextWebFilter.class)
				.doesNotHaveBean(BlockingMethodSecurityPostProcessor.class));
	}

	@Test
	void methodSecurityOffByProperty() {
		this.runner.withPropertyValues("bridge.security.method-security=false")
			.run((context) -> assertThat(context).hasSingleBean(BlockingSecurityContextWebFilter.class)
				.doesNotHaveBean(BlockingAccessDeniedWebFilter.class)
				.doesNotHaveBean(BlockingMethodSecurityPostProcessor.class));
	}

	@Test
	void contextOffByPropertyTurnsMethodSecurityOffToo() {
		this.runner.withPropertyValues("bridge.security.context=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BlockingSecurityContextWebFilter.class)
				.doesNotHaveBean(BlockingMethodSecurityPostProcessor.class));
	}

	@Test
	void backsOffWithoutSpringSecurity() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(BlockingSecurityContextWebFilter.class)
				.doesNotHaveBean(BlockingAccessDeniedWebFilter.class)
				.doesNotHaveBean(BlockingMethodSecurityPostProcessor.class));
	}

	@Test
	void backsOffWithoutSpringSecuritysReactiveWebSupport() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.security.web"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(BlockingSecurityContextWebFilter.class));
	}

}
