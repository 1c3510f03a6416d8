package io.blockingbridge.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * Reflection that the start-up check of {@link SpringSecurityInternals} needs in a native image: the
 * annotations and declared methods of Spring Security's reactive method security configuration.
 * Registered in {@code META-INF/spring/aot.factories}.
 */
final class SpringSecurityRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent(SpringSecurityInternals.REACTIVE_CONFIGURATION, classLoader)) {
			hints.reflection().registerType(TypeReference.of(SpringSecurityInternals.REACTIVE_CONFIGURATION));
		}
	}

}
