package io.blockingbridge.data;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.data.r2dbc.core.R2dbcEntityOperations;
import org.springframework.data.relational.repository.query.RelationalEntityInformation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Spring Data does by reflection with the implementation behind blocking repository proxies is
 * registered for native images, and {@code META-INF/spring/aot.factories} makes Spring's AOT
 * processing apply it.
 */
class BlockingRepositoryRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	BlockingRepositoryRuntimeHintsTests() {
		new BlockingRepositoryRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void baseClassNameIsTheRepositoryFactorysBaseClass() {
		assertThat(BlockingRepositoryRuntimeHints.BASE_CLASS).isEqualTo(SimpleBlockingR2dbcRepository.class.getName());
	}

	@Test
	void baseClassConstructorUsedByTheFactoryIsRegistered() throws Exception {
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(SimpleBlockingR2dbcRepository.class.getConstructor(RelationalEntityInformation.class,
					R2dbcEntityOperations.class)))
			.accepts(this.hints);
	}

	@Test
	void everyRepositoryMethodOfTheBaseClassIsRegisteredForInvocation() {
		List<Method> methods = Arrays.stream(SimpleBlockingR2dbcRepository.class.getDeclaredMethods())
			.filter((method) -> Modifier.isPublic(method.getModifiers()))
			.toList();
		assertThat(methods).extracting(Method::getName).contains("save", "saveAll", "findById", "findAll", "deleteAll");
		for (Method method : methods) {
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method)).as(method.toString())
				.accepts(this.hints);
		}
	}

	@Test
	void isAnAotService() {
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.hasAtLeastOneElementOfType(BlockingRepositoryRuntimeHints.class);
	}

}
