package io.blockingbridge.data;

import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.PagingAndSortingRepository;
import org.springframework.data.repository.config.AnnotationRepositoryConfigurationSource;
import org.springframework.data.repository.config.RepositoryConfigurationExtensionSupport;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.QueryByExampleExecutor;
import org.springframework.util.ClassUtils;

/**
 * Spring Data repository configuration for blocking-style repositories backed by R2DBC. Claims the
 * interfaces that Spring Data R2DBC's own extension leaves alone, so that each interface is
 * implemented by exactly one of the two:
 * <ul>
 * <li>an interface extending a reactive repository type ({@code ReactiveCrudRepository},
 * {@code ReactiveSortingRepository}, {@code R2dbcRepository}, RxJava's) is reactive;</li>
 * <li>an interface extending {@code CrudRepository}, {@code PagingAndSortingRepository} (or their
 * {@code List} variants) or {@code QueryByExampleExecutor} is blocking; a reactive method signature
 * in it fails the application start naming the method;</li>
 * <li>an interface extending only {@code Repository} is blocking unless one of its methods uses a
 * reactive type.</li>
 * </ul>
 * In strict configuration mode (several Spring Data modules present) an interface is also claimed only
 * if its entity is annotated with {@link Table @Table}.
 */
public class BlockingR2dbcRepositoryConfigurationExtension extends RepositoryConfigurationExtensionSupport {

	private static final List<String> REACTIVE_REPOSITORY_TYPES = List.of(
			"org.springframework.data.repository.reactive.ReactiveCrudRepository",
			"org.springframework.data.repository.reactive.ReactiveSortingRepository",
			"org.springframework.data.repository.query.ReactiveQueryByExampleExecutor",
			"org.springframework.data.repository.reactive.RxJava3CrudRepository",
			"org.springframework.data.repository.reactive.RxJava3SortingRepository");

	private static final Set<Class<?>> BLOCKING_REPOSITORY_TYPES = Set.of(CrudRepository.class,
			PagingAndSortingRepository.class, QueryByExampleExecutor.class);

	/**
	 * Create the extension; {@link EnableBlockingR2dbcRepositories} and the auto-configuration do.
	 */
	public BlockingR2dbcRepositoryConfigurationExtension() {
	}

	@Override
	public String getModuleName() {
		return "Blocking R2DBC";
	}

	@Override
	protected String getModulePrefix() {
		return "blocking-r2dbc";
	}

	@Override
	public String getRepositoryFactoryBeanClassName() {
		return BlockingR2dbcRepositoryFactoryBean.class.getName();
	}

	@Override
	protected Collection<Class<? extends Annotation>> getIdentifyingAnnotations() {
		return Set.of(Table.class);
	}

	@Override
	protected Collection<Class<?>> getIdentifyingTypes() {
		return Set.of();
	}

	@Override
	public void postProcess(BeanDefinitionBuilder builder, AnnotationRepositoryConfigurationSource config) {
		builder.addPropertyReference("entityOperations", config.getAttributes().getString("entityOperationsRef"));
	}

	@Override
	protected boolean isStrictRepositoryCandidate(RepositoryMetadata metadata) {
		return isBlockingRepository(metadata) && super.isStrictRepositoryCandidate(metadata);
	}

	@Override
	protected boolean useRepositoryConfiguration(RepositoryMetadata metadata) {
		if (!isBlockingRepository(metadata)) {
			return false;
		}
		BlockingRepositorySignatures.verify(metadata.getRepositoryInterface());
		return true;
	}

	/**
	 * Tell whether the given repository interface is a blocking one, to be implemented by this
	 * module rather than by Spring Data R2DBC's reactive one.
	 * @param metadata the repository's metadata
	 * @return {@code true} for blocking repositories
	 */
	static boolean isBlockingRepository(RepositoryMetadata metadata) {
		Class<?> repositoryInterface = metadata.getRepositoryInterface();
		ClassLoader classLoader = repositoryInterface.getClassLoader();
		for (String reactiveType : REACTIVE_REPOSITORY_TYPES) {
			if (ClassUtils.isPresent(reactiveType, classLoader)
					&& ClassUtils.resolveClassName(reactiveType, classLoader).isAssignableFrom(repositoryInterface)) {
				return false;
			}
		}
		for (Class<?> blockingType : BLOCKING_REPOSITORY_TYPES) {
			if (blockingType.isAssignableFrom(repositoryInterface)) {
				return true;
			}
		}
		return !metadata.isReactiveRepository();
	}

}
