package io.blockingbridge.data;

import io.blockingbridge.data.repositories.PersonRepository;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.Advised;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.DecoratingProxy;
import org.springframework.data.r2dbc.core.R2dbcEntityOperations;
import org.springframework.data.relational.repository.query.RelationalEntityInformation;
import org.springframework.data.repository.Repository;
import org.springframework.javapoet.ClassName;
import org.springframework.transaction.interceptor.TransactionalProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ahead-of-time processing of an application with a blocking repository registers what the repository
 * needs at run time in a native image: its JDK proxy (through Spring Data's repository AOT processing,
 * which the blocking configuration extension takes part in) and the reflection on its implementation
 * (through {@link BlockingRepositoryRuntimeHints}, found in {@code META-INF/spring/aot.factories}).
 */
class BlockingRepositoryAotTests {

	@Test
	void repositoryProxyAndImplementationAreRegistered() throws Exception {
		RuntimeHints hints = processAheadOfTime(BlockingRepositoryConfiguration.class);
		assertThat(RuntimeHintsPredicates.proxies()
			.forInterfaces(PersonRepository.class, Repository.class, TransactionalProxy.class, Advised.class,
					DecoratingProxy.class))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(SimpleBlockingR2dbcRepository.class.getConstructor(RelationalEntityInformation.class,
					R2dbcEntityOperations.class)))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(SimpleBlockingR2dbcRepository.class.getMethod("save", Object.class)))
			.accepts(hints);
	}

	private static RuntimeHints processAheadOfTime(Class<?> configuration) {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			AnnotationConfigUtils.registerAnnotationConfigProcessors(context);
			context.registerBean(configuration);
			DefaultGenerationContext generationContext = new DefaultGenerationContext(
					new ClassNameGenerator(ClassName.get(BlockingRepositoryAotTests.class)), new InMemoryGeneratedFiles());
			new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
			return generationContext.getRuntimeHints();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableBlockingR2dbcRepositories(basePackageClasses = PersonRepository.class,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = PersonRepository.class))
	static class BlockingRepositoryConfiguration {

	}

}
