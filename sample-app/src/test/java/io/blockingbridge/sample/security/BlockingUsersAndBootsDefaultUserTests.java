package io.blockingbridge.sample.security;

import io.blockingbridge.autoconfigure.BlockingSecurityAutoConfiguration;
import io.blockingbridge.autoconfigure.BridgeAutoConfiguration;
import io.blockingbridge.security.BlockingUserDetailsServiceAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge's blocking user look-ups together with Spring Boot's own
 * {@link ReactiveUserDetailsServiceAutoConfiguration} (the default user with a generated password),
 * which is on this module's classpath: an application with a blocking {@code UserDetailsService}
 * gets the bridge's adapter and no default user.
 */
@ExtendWith(OutputCaptureExtension.class)
class BlockingUsersAndBootsDefaultUserTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveUserDetailsServiceAutoConfiguration.class,
				BlockingSecurityAutoConfiguration.class, BridgeAutoConfiguration.class))
		.withPropertyValues("bridge.enabled=true");

	@Test
	void aBlockingUserDetailsServiceLeavesNoDefaultUser(CapturedOutput output) {
		this.runner.withUserConfiguration(BlockingUsers.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(ReactiveUserDetailsService.class)
				.doesNotHaveBean(MapReactiveUserDetailsService.class);
			assertThat(context.getBean(ReactiveUserDetailsService.class))
				.isInstanceOf(BlockingUserDetailsServiceAdapter.class);
		});
		assertThat(output).doesNotContain("Using generated security password");
	}

	@Test
	void withoutOneBootsDefaultUserStays(CapturedOutput output) {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(MapReactiveUserDetailsService.class)
			.doesNotHaveBean(BlockingUserDetailsServiceAdapter.class));
		assertThat(output).contains("Using generated security password");
	}

	@Configuration(proxyBeanMethods = false)
	static class BlockingUsers {

		@Bean
		UserDetailsService users() {
			return (name) -> {
				throw new UsernameNotFoundException(name);
			};
		}

	}

}
