package io.blockingbridge.data;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.support.BeanNameGenerator;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Import;
import org.springframework.data.repository.config.DefaultRepositoryBaseClass;
import org.springframework.data.repository.query.QueryLookupStrategy.Key;

/**
 * Activates blocking-style Spring Data repositories backed by R2DBC: every interface in the scanned
 * packages that extends a blocking Spring Data repository type ({@code Repository},
 * {@code CrudRepository}, {@code ListCrudRepository}, {@code PagingAndSortingRepository},
 * {@code ListPagingAndSortingRepository}) gets an implementation whose calls run the corresponding
 * Spring Data R2DBC operation awaited through the bridge. Interfaces with reactive signatures (or
 * extending {@code ReactiveCrudRepository}, {@code R2dbcRepository} and the like) are left to
 * {@code @EnableR2dbcRepositories}.
 * <p>
 * Without this annotation, the auto-configuration scans the application's packages when
 * {@code bridge.enabled} is true.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(BlockingR2dbcRepositoriesRegistrar.class)
public @interface EnableBlockingR2dbcRepositories {

	/**
	 * Alias for {@link #basePackages()}.
	 * @return the base packages to scan
	 */
	String[] value() default {};

	/**
	 * Base packages to scan for repository interfaces; the package of the annotated class if none
	 * are given.
	 * @return the base packages to scan
	 */
	String[] basePackages() default {};

	/**
	 * Type-safe alternative to {@link #basePackages()}: the package of each class is scanned.
	 * @return classes whose packages are scanned
	 */
	Class<?>[] basePackageClasses() default {};

	/**
	 * Which types are eligible for component scanning beyond those in the base packages.
	 * @return the include filters
	 */
	Filter[] includeFilters() default {};

	/**
	 * Which types are not eligible for component scanning.
	 * @return the exclude filters
	 */
	Filter[] excludeFilters() default {};

	/**
	 * The postfix of custom repository implementation class names.
	 * @return the postfix, {@code Impl} by default
	 */
	String repositoryImplementationPostfix() default "Impl";

	/**
	 * The location of the properties file with named queries; Spring Data's default if empty.
	 * @return the named queries location
	 */
	String namedQueriesLocation() default "";

	/**
	 * How query methods are turned into queries.
	 * @return the lookup strategy key
	 */
	Key queryLookupStrategy() default Key.CREATE_IF_NOT_FOUND;

	/**
	 * The factory bean class that creates each repository.
	 * @return the repository factory bean class
	 */
	Class<?> repositoryFactoryBeanClass() default BlockingR2dbcRepositoryFactoryBean.class;

	/**
	 * The base class of repository implementations; it must extend
	 * {@link SimpleBlockingR2dbcRepository} and keep its constructor.
	 * @return the repository base class
	 */
	Class<?> repositoryBaseClass() default DefaultRepositoryBaseClass.class;

	/**
	 * The generator of the repository bean names.
	 * @return the bean name generator class
	 */
	Class<? extends BeanNameGenerator> nameGenerator() default BeanNameGenerator.class;

	/**
	 * The name of the {@code R2dbcEntityOperations} bean the repositories run on.
	 * @return the bean name, {@code r2dbcEntityTemplate} by default (Spring Boot's)
	 */
	String entityOperationsRef() default "r2dbcEntityTemplate";

	/**
	 * Whether repository interfaces nested in other types are considered.
	 * @return {@code true} to consider nested interfaces
	 */
	boolean considerNestedRepositories() default false;

}
