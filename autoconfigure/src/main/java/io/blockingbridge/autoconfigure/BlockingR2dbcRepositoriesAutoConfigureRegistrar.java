package io.blockingbridge.autoconfigure;

import java.lang.annotation.Annotation;

import io.blockingbridge.data.BlockingR2dbcRepositoryConfigurationExtension;
import io.blockingbridge.data.EnableBlockingR2dbcRepositories;

import org.springframework.boot.autoconfigure.data.AbstractRepositoryConfigurationSourceSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/**
 * Registers blocking-style R2DBC repositories for the application's packages, as if the
 * application were annotated with {@link EnableBlockingR2dbcRepositories}.
 */
class BlockingR2dbcRepositoriesAutoConfigureRegistrar extends AbstractRepositoryConfigurationSourceSupport {

	@Override
	protected Class<? extends Annotation> getAnnotation() {
		return EnableBlockingR2dbcRepositories.class;
	}

	@Override
	protected Class<?> getConfiguration() {
		return EnableBlockingR2dbcRepositoriesConfiguration.class;
	}

	@Override
	protected RepositoryConfigurationExtension getRepositoryConfigurationExtension() {
		return new BlockingR2dbcRepositoryConfigurationExtension();
	}

	@EnableBlockingR2dbcRepositories
	private static final class EnableBlockingR2dbcRepositoriesConfiguration {

	}

}
