package io.blockingbridge.data.configuration;

import java.util.List;

import io.blockingbridge.autoconfigure.BlockingR2dbcRepositoriesAutoConfiguration;
import io.blockingbridge.data.BlockingR2dbcRepositoryFactoryBean;
import io.blockingbridge.data.EnableBlockingR2dbcRepositories;
import io.blockingbridge.data.UnsupportedRepositoryMethodException;
import io.blockingbridge.data.repositories.Note;
import io.blockingbridge.data.repositories.Person;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration;
import org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcRepositoriesAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.r2dbc.repository.config.EnableR2dbcRepositories;
import org.springframework.data.r2dbc.repository.support.R2dbcRepositoryFactoryBean;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.QueryByExampleExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * Which interfaces become blocking repositories, and how unsupported signatures fail the start.
 */
class BlockingRepositoryConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(R2dbcAutoConfiguration.class, DataR2dbcAutoConfiguration.class,
				DataR2dbcRepositoriesAutoConfiguration.class, BlockingR2dbcRepositoriesAutoConfiguration.class))
		.withPropertyValues("bridge.enabled=true", "spring.r2dbc.url=r2dbc:h2:mem:///bb_repo_config")
		.withUserConfiguration(ApplicationPackage.class);

	@Test
	void plainRepositoryInterfacesAreClaimedByTheirSignatures() {
		this.runner.withUserConfiguration(PlainRepositoriesConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeanNamesForType(BlockingR2dbcRepositoryFactoryBean.class))
				.singleElement(STRING).endsWith("BlockingPlainRepository");
			assertThat(context.getBeanNamesForType(R2dbcRepositoryFactoryBean.class))
				.singleElement(STRING).endsWith("ReactivePlainRepository");
		});
	}

	@Test
	void reactiveMethodInBlockingRepositoryFailsTheStart() {
		this.runner.withUserConfiguration(MonoInCrudRepositoryConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(UnsupportedRepositoryMethodException.class)
				.hasMessageContaining(MonoInCrudRepository.class.getName() + ".findByFirstName")
				.hasMessageContaining("reactive type reactor.core.publisher.Mono");
		});
	}

	@Test
	void pagedStringQueryFailsTheStart() {
		this.runner.withUserConfiguration(PagedStringQueryConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(UnsupportedRepositoryMethodException.class)
				.hasMessageContaining(PagedStringQueryRepository.class.getName() + ".findAdults")
				.hasMessageContaining("cannot page a string query");
		});
	}

	@Test
	void sliceWithoutPageableFailsTheStart() {
		this.runner.withUserConfiguration(SliceWithoutPageableConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(UnsupportedRepositoryMethodException.class)
				.hasMessageContaining(SliceWithoutPageableRepository.class.getName() + ".findByAge")
				.hasMessageContaining("needs a Pageable parameter");
		});
	}

	@Test
	void pagedDeleteQueryFailsTheStart() {
		this.runner.withUserConfiguration(PagedDeleteConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(UnsupportedRepositoryMethodException.class)
				.hasMessageContaining(PagedDeleteRepository.class.getName() + ".deleteByAge")
				.hasMessageContaining("only find queries can be paged");
		});
	}

	@Test
	void queryByExampleRepositoryStarts() {
		this.runner.withUserConfiguration(QueryByExampleConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(QueryByExampleRepository.class);
		});
	}

	@Test
	void keysetScrollPositionFailsTheStart() {
		this.runner.withUserConfiguration(KeysetScrollConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(UnsupportedRepositoryMethodException.class)
				.hasMessageContaining(KeysetScrollRepository.class.getName() + ".findByAge")
				.hasMessageContaining("Spring Data R2DBC scrolls by offset only")
				.hasMessageContaining("ScrollPosition.offset()");
		});
	}

	@Test
	void scrolledStringQueryFailsTheStart() {
		this.runner.withUserConfiguration(ScrolledStringQueryConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(UnsupportedRepositoryMethodException.class)
				.hasMessageContaining(ScrolledStringQueryRepository.class.getName() + ".findAdults")
				.hasMessageContaining("cannot scroll a string query");
		});
	}

	@Test
	void windowWithoutScrollPositionFailsTheStart() {
		this.runner.withUserConfiguration(WindowWithoutPositionConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(UnsupportedRepositoryMethodException.class)
				.hasMessageContaining(WindowWithoutPositionRepository.class.getName() + ".findByAge")
				.hasMessageContaining("a Window result needs a ScrollPosition parameter");
		});
	}

	@Test
	void scrollPositionWithoutWindowFailsTheStart() {
		this.runner.withUserConfiguration(PositionWithoutWindowConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(UnsupportedRepositoryMethodException.class)
				.hasMessageContaining(PositionWithoutWindowRepository.class.getName() + ".findByAge")
				.hasMessageContaining("a ScrollPosition parameter needs a Window result");
		});
	}

	interface PositionWithoutWindowRepository extends Repository<Person, Long> {

		List<Person> findByAge(int age, ScrollPosition position);

	}

	@Configuration(proxyBeanMethods = false)
	@EnableBlockingR2dbcRepositories(considerNestedRepositories = true,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = PositionWithoutWindowRepository.class))
	static class PositionWithoutWindowConfiguration {

	}

	interface KeysetScrollRepository extends Repository<Person, Long> {

		Window<Person> findByAge(int age, KeysetScrollPosition position);

	}

	@Configuration(proxyBeanMethods = false)
	@EnableBlockingR2dbcRepositories(considerNestedRepositories = true,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = KeysetScrollRepository.class))
	static class KeysetScrollConfiguration {

	}

	interface ScrolledStringQueryRepository extends Repository<Person, Long> {

		@Query("SELECT * FROM bb_repo_person WHERE age >= 18")
		Window<Person> findAdults(ScrollPosition position);

	}

	@Configuration(proxyBeanMethods = false)
	@EnableBlockingR2dbcRepositories(considerNestedRepositories = true,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = ScrolledStringQueryRepository.class))
	static class ScrolledStringQueryConfiguration {

	}

	interface WindowWithoutPositionRepository extends Repository<Person, Long> {

		Window<Person> findByAge(int age);

	}

	@Configuration(proxyBeanMethods = false)
	@EnableBlockingR2dbcRepositories(considerNestedRepositories = true,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = WindowWithoutPositionRepository.class))
	static class WindowWithoutPositionConfiguration {

	}

	/** The application's package, which holds no repositories outside of this class. */
	@AutoConfigurationPackage
	static class ApplicationPackage {

	}

	interface QueryByExampleRepository extends CrudRepository<Person, Long>, QueryByExampleExecutor<Person> {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableBlockingR2dbcRepositories(considerNestedRepositories = true,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = QueryByExampleRepository.class))
	static class QueryByExampleConfiguration {

	}

	interface BlockingPlainRepository extends Repository<Person, Long> {

		List<Person> findByAge(int age);

	}

	interface ReactivePlainRepository extends Repository<Note, Long> {

		Flux<Note> findByTitle(String title);

	}

	interface MonoInCrudRepository extends CrudRepository<Person, Long> {

		Mono<Person> findByFirstName(String firstName);

	}

	interface PagedStringQueryRepository extends Repository<Person, Long> {

		@Query("SELECT * FROM bb_repo_person WHERE age >= 18")
		Page<Person> findAdults(Pageable pageable);

	}

	interface SliceWithoutPageableRepository extends Repository<Person, Long> {

		Slice<Person> findByAge(int age);

	}

	interface PagedDeleteRepository extends Repository<Person, Long> {

		List<Person> deleteByAge(int age, Pageable pageable);

	}

	@Configuration(proxyBeanMethods = false)
	@EnableBlockingR2dbcRepositories(considerNestedRepositories = true, includeFilters = @Filter(
			type = FilterType.ASSIGNABLE_TYPE, classes = { BlockingPlainRepository.class, ReactivePlainRepository.class }))
	@EnableR2dbcRepositories(considerNestedRepositories = true, includeFilters = @Filter(
			type = FilterType.ASSIGNABLE_TYPE, classes = { BlockingPlainRepository.class, ReactivePlainRepository.class }))
	static class PlainRepositoriesConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableBlockingR2dbcRepositories(considerNestedRepositories = true,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = MonoInCrudRepository.class))
	static class MonoInCrudRepositoryConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableBlockingR2dbcRepositories(considerNestedRepositories = true,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = PagedStringQueryRepository.class))
	static class PagedStringQueryConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableBlockingR2dbcRepositories(considerNestedRepositories = true,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = SliceWithoutPageableRepository.class))
	static class SliceWithoutPageableConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableBlockingR2dbcRepositories(considerNestedRepositories = true,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = PagedDeleteRepository.class))
	static class PagedDeleteConfiguration {

	}

}
