package io.blockingbridge.autoconfigure;

import io.blockingbridge.data.BlockingR2dbcRepositoryFactoryBean;
import io.blockingbridge.data.EnableBlockingR2dbcRepositories;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.data.r2dbc.core.R2dbcEntityOperations;

/**
 * Auto-configuration of blocking-style Spring Data repositories backed by R2DBC: scans the
 * application's packages (those of its {@code @SpringBootApplication}) as
 * {@link EnableBlockingR2dbcRepositories @EnableBlockingR2dbcRepositories} would. Active when
 * {@code bridge.enabled} is true, Spring Data R2DBC is configured, and the application declares no
 * {@code @EnableBlockingR2dbcRepositories} of its own. Reactive repositories are left to Spring
 * Boot's R2DBC repositories auto-configuration.
 */
@AutoConfiguration(after = DataR2dbcAutoConfiguration.class)
@ConditionalOnBooleanProperty("bridge.enabled")
@ConditionalOnClass({ ConnectionFactory.class, R2dbcEntityOperations.class, EnableBlockingR2dbcRepositories.class })
@ConditionalOnBean(R2dbcEntityOperations.class)
@ConditionalOnMissingBean(BlockingR2dbcRepositoryFactoryBean.class)
@Import(BlockingR2dbcRepositoriesAutoConfigureRegistrar.class)
@Conditional(BridgeJavaVersionCondition.class)
public final class BlockingR2dbcRepositoriesAutoConfiguration {

	/**
	 * Create the auto-configuration; Spring Boot does when it applies.
	 */
	public BlockingR2dbcRepositoriesAutoConfiguration() {
	}

}
