package io.blockingbridge.autoconfigure;

import io.blockingbridge.data.BlockingR2dbcRepositoryFactoryBean;
import io.blockingbridge.data.EnableBlockingR2dbcRepositories;
import io.blockingbridge.data.repositories.Person;
import io.blockingbridge.data.repositories.PersonRepository;
import io.blockingbridge.data.repositories.ReactiveNoteRepository;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration;
import org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcRepositoriesAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.r2dbc.repository.support.R2dbcRepositoryFactoryBean;
import org.springframework.data.repository.Repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * {@link BlockingR2dbcRepositoriesAutoConfiguration}: blocking repositories found in the
 * application's packages without {@code @EnableBlockingR2dbcRepositories}, and its conditions.
 */
class BlockingR2dbcRepositoriesAutoConfigurationTests {

	private static final String APPLICATION_PACKAGE = PersonRepository.class.getPackageName();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(R2dbcAutoConfiguration.class, DataR2dbcAutoConfiguration.class,
				DataR2dbcRepositoriesAutoConfiguration.class, BlockingR2dbcRepositoriesAutoConfiguration.class))
		.withPropertyValues("bridge.enabled=true", "spring.r2dbc.generate-unique-name=true")
		.withInitializer((context) -> AutoConfigurationPackages.register((BeanDefinitionRegistry) context.getBeanFactory(),
				APPLICATION_PACKAGE));

	@Test
	void blockingRepositoriesOfTheApplicationsPackagesAreRegisteredNextToTheReactiveOnes() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(PersonRepository.class);
			assertThat(context.getBeanNamesForType(BlockingR2dbcRepositoryFactoryBean.class))
				.anySatisfy((name) -> assertThat(name).endsWith("personRepository"));
			assertThat(context.getBeanNamesForType(R2dbcRepositoryFactoryBean.class))
				.singleElement(STRING).endsWith("reactiveNoteRepository");
			assertThat(context).hasSingleBean(ReactiveNoteRepository.class);
		});
	}

	@Test
	void withoutTheBridgeNoBlockingRepositoriesAreConfigured() {
		this.runner.withPropertyValues("bridge.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(BlockingR2dbcRepositoriesAutoConfiguration.class)
				.doesNotHaveBean(PersonRepository.class);
		});
	}

	@Test
	void backsOffWhenTheApplicationEnablesBlockingRepositoriesItself() {
		this.runner.withUserConfiguration(OwnRepositoriesConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(BlockingR2dbcRepositoriesAutoConfiguration.class);
			assertThat(context).hasSingleBean(OwnRepository.class).doesNotHaveBean(PersonRepository.class);
		});
	}

	interface OwnRepository extends Repository<Person, Long> {

		long countByAge(int age);

	}

	@Configuration(proxyBeanMethods = false)
	@EnableBlockingR2dbcRepositories(considerNestedRepositories = true,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = OwnRepository.class))
	static class OwnRepositoriesConfiguration {

	}

}
