package io.blockingbridge.autoconfigure;

import io.blockingbridge.core.BridgeSettings;
import io.blockingbridge.security.BlockingSecurityContextHolderStrategy;
import io.blockingbridge.security.BlockingUserDetailsPasswordServiceAdapter;
import io.blockingbridge.security.BlockingUserDetailsServiceAdapter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.security.authorization.method.AuthorizationAdvisor;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.ReactiveUserDetailsPasswordService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.web.server.WebFilter;

/**
 * Auto-configuration of Spring Security in blocking-style code of a reactive web application:
 * {@code SecurityContextHolder} holds the request's security context there (unless
 * {@code bridge.security.context} is false), and method security annotations work on methods with
 * non-reactive return types under {@code @EnableReactiveMethodSecurity} (unless
 * {@code bridge.security.method-security} is false), and an application's blocking
 * {@code UserDetailsService} (and {@code UserDetailsPasswordService}) bean answers Spring Security
 * WebFlux's user look-ups in blocking style (unless {@code bridge.security.user-details} is false or
 * the application has a reactive one of its own). Active when {@code bridge.enabled} is true and
 * Spring Security's reactive web support is on the classpath; without it nothing here loads.
 * <p>
 * It comes before Spring Boot's {@code ReactiveUserDetailsServiceAutoConfiguration}, which backs off
 * when a {@code ReactiveUserDetailsService} exists: an application with a blocking
 * {@code UserDetailsService} gets no default user with a generated password.
 */
@AutoConfiguration(after = BridgeAutoConfiguration.class,
		beforeName = "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration")
@ConditionalOnClass(value = SecurityContextHolder.class,
		name = "org.springframework.security.web.server.WebFilterChainProxy")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty("bridge.enabled")
@Conditional(BridgeJavaVersionCondition.class)
public final class BlockingSecurityAutoConfiguration {

	/**
	 * Create the auto-configuration; Spring Boot does when it applies.
	 */
	public BlockingSecurityAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "bridge.security.context", matchIfMissing = true)
	static final class SecurityContextConfiguration {

		@Bean
		WebFilter blockingSecurityContextWebFilter() {
			BlockingSecurityContextHolderStrategy.install();
			return BlockingSecurityContextHolderStrategy.webFilter();
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnBooleanProperty(name = "bridge.security.method-security", matchIfMissing = true)
		static final class MethodSecurityConfiguration {

			@Bean
			static BlockingMethodSecurityPostProcessor blockingMethodSecurityPostProcessor() {
				return new BlockingMethodSecurityPostProcessor();
			}

			@Bean
			@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
			@ConditionalOnBean(name = SpringSecurityInternals.REACTIVE_CONFIGURATION_BEAN)
			static AuthorizationAdvisor blockingSecuredAdvisor() {
				return new BlockingSecuredAdvisor();
			}

			@Bean
			BlockingAccessDeniedWebFilter blockingAccessDeniedWebFilter() {
				return new BlockingAccessDeniedWebFilter();
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "bridge.security.user-details", matchIfMissing = true)
	static final class UserDetailsConfiguration {

		@Bean
		@ConditionalOnSingleCandidate(UserDetailsService.class)
		@ConditionalOnMissingBean(ReactiveUserDetailsService.class)
		BlockingUserDetailsServiceAdapter blockingReactiveUserDetailsService(UserDetailsService users,
				ObjectProvider<BridgeSettings> settings) {
			return new BlockingUserDetailsServiceAdapter(users, settings.getIfAvailable(BridgeSettings::defaults));
		}

		@Bean
		@ConditionalOnSingleCandidate(UserDetailsPasswordService.class)
		@ConditionalOnMissingBean(ReactiveUserDetailsPasswordService.class)
		BlockingUserDetailsPasswordServiceAdapter blockingReactiveUserDetailsPasswordService(
				UserDetailsPasswordService passwords, ObjectProvider<BridgeSettings> settings) {
			return new BlockingUserDetailsPasswordServiceAdapter(passwords,
					settings.getIfAvailable(BridgeSettings::defaults));
		}

	}

}
