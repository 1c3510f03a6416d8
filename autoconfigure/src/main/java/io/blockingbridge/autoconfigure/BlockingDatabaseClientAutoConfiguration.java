package io.blockingbridge.autoconfigure;

import io.blockingbridge.core.BridgeSettings;
import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.blockingbridge.r2dbc.BlockingR2dbcEntityTemplate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.r2dbc.core.R2dbcEntityOperations;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Auto-configuration of a {@link BlockingDatabaseClient} over the application's
 * {@link DatabaseClient}, and, with Spring Data R2DBC, of a {@link BlockingR2dbcEntityTemplate} over
 * its {@link R2dbcEntityOperations}. Active when {@code bridge.enabled} is true; each bean when there
 * is a single candidate of what it wraps (Spring Boot's R2DBC and Spring Data R2DBC
 * auto-configurations provide one each).
 */
@AutoConfiguration(after = BridgeAutoConfiguration.class,
		afterName = { "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
				"org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration" })
@ConditionalOnClass(DatabaseClient.class)
@ConditionalOnBooleanProperty("bridge.enabled")
@Conditional(BridgeJavaVersionCondition.class)
public final class BlockingDatabaseClientAutoConfiguration {

	/**
	 * Create the auto-configuration; Spring Boot does when it applies.
	 */
	public BlockingDatabaseClientAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(DatabaseClient.class)
	BlockingDatabaseClient blockingDatabaseClient(DatabaseClient databaseClient, ObjectProvider<BridgeSettings> settings) {
		return BlockingDatabaseClient.create(databaseClient, settings.getIfAvailable(BridgeSettings::defaults));
	}

	/**
	 * The blocking entity template, where Spring Data R2DBC is on the class path.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(R2dbcEntityOperations.class)
	static class EntityTemplateConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnSingleCandidate(R2dbcEntityOperations.class)
		BlockingR2dbcEntityTemplate blockingR2dbcEntityTemplate(R2dbcEntityOperations entityOperations,
				ObjectProvider<BridgeSettings> settings) {
			return BlockingR2dbcEntityTemplate.create(entityOperations, settings.getIfAvailable(BridgeSettings::defaults));
		}

	}

}
