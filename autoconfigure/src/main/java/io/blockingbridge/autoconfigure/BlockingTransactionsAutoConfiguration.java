package io.blockingbridge.autoconfigure;

import io.blockingbridge.core.BridgeSettings;
import io.blockingbridge.transaction.BlockingTransactions;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.DelegatingConnectionFactory;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * Auto-configuration of blocking-style transactions over a {@link ReactiveTransactionManager} (such
 * as the R2DBC one Spring Boot configures): {@code @Transactional} on methods with non-reactive
 * return types, a {@link BlockingTransactions} bean for programmatic use, and (unless
 * {@code bridge.r2dbc.guard-connections} is false) R2DBC connection factories that refuse to run a
 * publisher subscribed around the bridge outside of the blocking transaction of its thread. Active
 * when {@code bridge.enabled} is true.
 */
@AutoConfiguration(after = BridgeAutoConfiguration.class, afterName = { "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
		"org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
		"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration" })
@ConditionalOnClass({ ReactiveTransactionManager.class, TransactionInterceptor.class })
@ConditionalOnBooleanProperty("bridge.enabled")
@Conditional(BridgeJavaVersionCondition.class)
public final class BlockingTransactionsAutoConfiguration {

	/**
	 * Create the auto-configuration; Spring Boot does when it applies.
	 */
	public BlockingTransactionsAutoConfiguration() {
	}

	@Bean
	static BlockingTransactionInterceptorPostProcessor blockingTransactionInterceptorPostProcessor() {
		return new BlockingTransactionInterceptorPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(ReactiveTransactionManager.class)
	BlockingTransactions blockingTransactions(ReactiveTransactionManager transactionManager,
			ObjectProvider<BridgeSettings> settings) {
		return new BlockingTransactions(transactionManager, TransactionDefinition.withDefaults(),
				settings.getIfAvailable(BridgeSettings::defaults));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ConnectionFactory.class, DelegatingConnectionFactory.class })
	@ConditionalOnBooleanProperty(name = "bridge.r2dbc.guard-connections", matchIfMissing = true)
	static final class ConnectionGuardConfiguration {

		@Bean
		static TransactionBoundConnectionFactoryPostProcessor transactionBoundConnectionFactoryPostProcessor() {
			return new TransactionBoundConnectionFactoryPostProcessor();
		}

	}

}
