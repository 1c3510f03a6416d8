package io.blockingbridge.web;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerAdapter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reflection of {@link BlockingStyleAdapterPostProcessor} is registered for native images, and
 * {@code META-INF/spring/aot.factories} makes Spring's AOT processing apply it.
 */
class BlockingStyleRuntimeHintsTests {

	@Test
	void adapterFieldsThatThePostProcessorReadsAndWritesAreRegistered() throws Exception {
		RuntimeHints hints = new RuntimeHints();
		new BlockingStyleRuntimeHints().registerHints(hints, getClass().getClassLoader());
		for (String name : new String[] { WebFluxInternals.SCHEDULER_FIELD,
				WebFluxInternals.PREDICATE_FIELD }) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onFieldAccess(RequestMappingHandlerAdapter.class.getDeclaredField(name))).as(name).accepts(hints);
		}
	}

	@Test
	void otherAdapterFieldsAreNotRegistered() throws Exception {
		RuntimeHints hints = new RuntimeHints();
		new BlockingStyleRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection()
			.onFieldAccess(RequestMappingHandlerAdapter.class.getDeclaredField("messageReaders"))).rejects(hints);
	}

	@Test
	void isAnAotService() {
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.hasAtLeastOneElementOfType(BlockingStyleRuntimeHints.class);
	}

}
