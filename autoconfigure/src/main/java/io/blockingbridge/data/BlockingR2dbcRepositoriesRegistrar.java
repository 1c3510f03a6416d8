package io.blockingbridge.data;

import java.lang.annotation.Annotation;

import org.springframework.data.repository.config.RepositoryBeanDefinitionRegistrarSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/**
 * Registers the repositories that {@link EnableBlockingR2dbcRepositories} asks for.
 */
class BlockingR2dbcRepositoriesRegistrar extends RepositoryBeanDefinitionRegistrarSupport {

	@Override
	protected Class<? extends Annotation> getAnnotation() {
		return EnableBlockingR2dbcRepositories.class;
	}

	@Override
	protected RepositoryConfigurationExtension getExtension() {
		return new BlockingR2dbcRepositoryConfigurationExtension();
	}

}
