package io.blockingbridge.autoconfigure;

import io.blockingbridge.core.BridgeUsageException;
import io.blockingbridge.testsupport.StartFailures;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@link SpringSecurityInternals}: the Spring Security of this build declares its reactive method
 * interceptors as the bridge expects; a version that changed the configuration class (stood for by
 * other classes to inspect) fails the start with an analysis naming the version and what to do.
 */
class SpringSecurityInternalsTests {

	private static final ClassLoader CLASS_LOADER = SpringSecurityInternalsTests.class.getClassLoader();

	@Test
	void springSecurityOfThisBuildDeclaresTheInterceptorsTheBridgeFinds() {
		assertThatNoException().isThrownBy(() -> SpringSecurityInternals.check(CLASS_LOADER));
		assertThatNoException().isThrownBy(BlockingMethodSecurityPostProcessor::new);
	}

	@Test
	void aMissingConfigurationClassFailsTheStart() {
		String gone = "org.springframework.security.config.annotation.method.configuration.Gone";
		FailureAnalysis analysis = analysisOf(() -> SpringSecurityInternals.check(gone, CLASS_LOADER, "7.9.0"));
		assertThat(analysis.getDescription()).contains("Spring Security (7.9.0)", "its class " + gone + " is missing");
		assertThat(analysis.getAction()).isEqualTo("Use a version of Blocking Bridge that supports Spring Security "
				+ "7.9.0, or switch this support off with 'bridge.security.method-security: false'.");
	}

	@Test
	void aRenamedConfigurationBeanFailsTheStart() {
		FailureAnalysis analysis = analysisOf(() -> SpringSecurityInternals
			.check(RenamedConfiguration.class.getName(), CLASS_LOADER, "7.9.0"));
		assertThat(analysis.getDescription())
			.contains("RenamedConfiguration is no longer the @Configuration bean '_reactiveMethodSecurityConfiguration'");
	}

	@Test
	void aMissingInterceptorBeanFailsTheStart() {
		FailureAnalysis analysis = analysisOf(() -> SpringSecurityInternals
			.check(ConfigurationWithoutPostFilter.class.getName(), CLASS_LOADER, "7.9.0"));
		assertThat(analysis.getDescription())
			.contains("ConfigurationWithoutPostFilter declares no @Bean postFilterAuthorizationMethodInterceptor.");
	}

	@Test
	void theConfigurationIsRegisteredForReflectionInANativeImage() {
		RuntimeHints hints = new RuntimeHints();
		new SpringSecurityRuntimeHints().registerHints(hints, CLASS_LOADER);
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(SpringSecurityInternals.REACTIVE_CONFIGURATION)))
			.accepts(hints);
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.hasAtLeastOneElementOfType(SpringSecurityRuntimeHints.class);
	}

	private static FailureAnalysis analysisOf(Runnable check) {
		BridgeUsageException[] failure = new BridgeUsageException[1];
		assertThatExceptionOfType(BridgeUsageException.class).isThrownBy(check::run)
			.satisfies((ex) -> failure[0] = ex);
		FailureAnalysis analysis = StartFailures.analysisOf(failure[0]);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getCause()).isSameAs(failure[0]);
		return analysis;
	}

	/** Stands for the configuration after Spring Security renamed its bean. */
	@Configuration("reactiveMethodSecurityConfiguration")
	static class RenamedConfiguration {

	}

	/** Stands for the configuration after Spring Security dropped or renamed an interceptor bean. */
	@Configuration(SpringSecurityInternals.REACTIVE_CONFIGURATION_BEAN)
	static class ConfigurationWithoutPostFilter {

		@Bean
		static MethodInterceptor preFilterAuthorizationMethodInterceptor() {
			return (invocation) -> null;
		}

		@Bean
		static MethodInterceptor preAuthorizeAuthorizationMethodInterceptor() {
			return (invocation) -> null;
		}

		@Bean
		static MethodInterceptor postAuthorizeAuthorizationMethodInterceptor() {
			return (invocation) -> null;
		}

		@Bean
		static MethodInterceptor postFilterMethodInterceptor() {
			return (invocation) -> null;
		}

	}

}
