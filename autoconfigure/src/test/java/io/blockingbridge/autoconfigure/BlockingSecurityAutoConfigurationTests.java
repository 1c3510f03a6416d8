package io.blockingbridge.autoconfigure;

import io.blockingbridge.security.BlockingSecurityContextHolderStrategy;
import io.blockingbridge.security.BlockingUserDetailsPasswordServiceAdapter;
import io.blockingbridge.security.BlockingUserDetailsServiceAdapter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsPasswordService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BlockingSecurityAutoConfiguration}: on with the bridge, off by property, and backing off
 * cleanly when Spring Security is not on the classpath.
 */
class BlockingSecurityAutoConfigurationTests {

	/** The class of the security package's request-marking filter, which is not public. */
	private static final Class<?> CONTEXT_WEB_FILTER = BlockingSecurityContextHolderStrategy.webFilter()
		.getClass();

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BridgeAutoConfiguration.class, BlockingSecurityAutoConfiguration.class))
		.withPropertyValues("bridge.enabled=true");

	@Test
	void onWithTheBridge() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(CONTEXT_WEB_FILTER)
			.hasSingleBean(BlockingAccessDeniedWebFilter.class)
			.hasSingleBean(BlockingMethodSecurityPostProcessor.class));
	}

	@Test
	void offWithoutTheBridge() {
		this.runner.withPropertyValues("bridge.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CONTEXT_WEB_FILTER)
				.doesNotHaveBean(BlockingMethodSecurityPostProcessor.class));
	}

	@Test
	void methodSecurityOffByProperty() {
		this.runner.withPropertyValues("bridge.security.method-security=false")
			.run((context) -> assertThat(context).hasSingleBean(CONTEXT_WEB_FILTER)
				.doesNotHaveBean(BlockingAccessDeniedWebFilter.class)
				.doesNotHaveBean(BlockingMethodSecurityPostProcessor.class));
	}

	@Test
	void contextOffByPropertyTurnsMethodSecurityOffToo() {
		this.runner.withPropertyValues("bridge.security.context=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CONTEXT_WEB_FILTER)
				.doesNotHaveBean(BlockingMethodSecurityPostProcessor.class));
	}

	@Test
	void backsOffWithoutSpringSecurity() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CONTEXT_WEB_FILTER)
				.doesNotHaveBean(BlockingAccessDeniedWebFilter.class)
				.doesNotHaveBean(BlockingMethodSecurityPostProcessor.class));
	}

	@Test
	void backsOffWithoutSpringSecuritysReactiveWebSupport() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.security.web"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CONTEXT_WEB_FILTER));
	}

	@Test
	void blockingUserDetailsServiceAnswersReactiveLookUps() {
		this.runner.withUserConfiguration(BlockingUsers.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(ReactiveUserDetailsService.class)
				.doesNotHaveBean(ReactiveUserDetailsPasswordService.class);
			assertThat(context.getBean(ReactiveUserDetailsService.class))
				.isInstanceOf(BlockingUserDetailsServiceAdapter.class);
			assertThat(((BlockingUserDetailsServiceAdapter) context.getBean(ReactiveUserDetailsService.class))
				.getUserDetailsService()).isSameAs(context.getBean(UserDetailsService.class));
		});
	}

	@Test
	void blockingUserDetailsPasswordServiceAnswersReactiveUpdates() {
		this.runner.withUserConfiguration(BlockingUsersWithPasswordUpdates.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(BlockingUserDetailsServiceAdapter.class)
				.hasSingleBean(BlockingUserDetailsPasswordServiceAdapter.class));
	}

	@Test
	void applicationsReactiveUserDetailsServiceWins() {
		this.runner.withUserConfiguration(BlockingUsers.class, ReactiveUsers.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ReactiveUserDetailsService.class)
				.doesNotHaveBean(BlockingUserDetailsServiceAdapter.class));
	}

	@Test
	void noAdapterWithoutABlockingUserDetailsService() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(ReactiveUserDetailsService.class)
			.doesNotHaveBean(ReactiveUserDetailsPasswordService.class));
	}

	@Test
	void userDetailsOffByProperty() {
		this.runner.withUserConfiguration(BlockingUsersWithPasswordUpdates.class)
			.withPropertyValues("bridge.security.user-details=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ReactiveUserDetailsService.class)
				.doesNotHaveBean(ReactiveUserDetailsPasswordService.class));
	}

	@Test
	void noAdapterWithoutTheBridge() {
		this.runner.withUserConfiguration(BlockingUsers.class)
			.withPropertyValues("bridge.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ReactiveUserDetailsService.class));
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

	@Configuration(proxyBeanMethods = false)
	static class BlockingUsersWithPasswordUpdates {

		@Bean
		UsersWithPasswords users() {
			return new UsersWithPasswords();
		}

	}

	static class UsersWithPasswords implements UserDetailsService, UserDetailsPasswordService {

		@Override
		public UserDetails loadUserByUsername(String username) {
			return User.withUsername(username).password("{noop}x").build();
		}

		@Override
		public UserDetails updatePassword(UserDetails user, String newPassword) {
			return user;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReactiveUsers {

		@Bean
		MapReactiveUserDetailsService reactiveUsers() {
			return new MapReactiveUserDetailsService(User.withUsername("ada").password("{noop}x").build());
		}

	}

}
