package io.blockingbridge.autoconfigure;

import io.blockingbridge.core.BridgeSettings;
import io.blockingbridge.r2dbc.BlockingDatabaseClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Auto-configuration of a {@link BlockingDatabaseClient} over the application's
 * {@link DatabaseClient}. Active when {@code bridge.enabled} is true and there is a single
 * DatabaseClient (Spring Boot's R2DBC auto-configuration provides one).
 */
@AutoConfiguration(after = BridgeAutoConfiguration.class,
		afterName = "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration")
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

}
