package io.blockingbridge.web;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * Reflection that blocking-style controllers need in a native image: {@link BlockingStyleAdapterPostProcessor}
 * reads and writes two private fields of WebFlux's {@code RequestMappingHandlerAdapter}. Registered in
 * {@code META-INF/spring/aot.factories}.
 */
final class BlockingStyleRuntimeHints implements RuntimeHintsRegistrar {

	static final String ADAPTER = "org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerAdapter";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(ADAPTER, classLoader)) {
			return;
		}
		hints.reflection()
			.registerType(TypeReference.of(ADAPTER),
					(type) -> type.withField(BlockingStyleAdapterPostProcessor.SCHEDULER_FIELD)
						.withField(BlockingStyleAdapterPostProcessor.PREDICATE_FIELD));
	}

}
