package io.blockingbridge.web;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * Reflection that blocking-style controllers need in a native image: {@link BlockingStyleAdapterPostProcessor}
 * reads and writes two private fields of WebFlux's {@code RequestMappingHandlerAdapter}, named in
 * {@link WebFluxInternals}. Registered in {@code META-INF/spring/aot.factories}.
 */
final class BlockingStyleRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(WebFluxInternals.ADAPTER, classLoader)) {
			return;
		}
		hints.reflection()
			.registerType(TypeReference.of(WebFluxInternals.ADAPTER),
					(type) -> type.withField(WebFluxInternals.SCHEDULER_FIELD)
						.withField(WebFluxInternals.PREDICATE_FIELD));
	}

}
