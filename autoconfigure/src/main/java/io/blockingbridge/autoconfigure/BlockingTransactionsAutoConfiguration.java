package io.blockingbridge.autoconfigure;

import io.blockingbridge.r2dbc.BlockingTransactionInterceptorPostProcessor;
import io.blockingbridge.r2dbc.BlockingTransactions;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * Auto-configuration of blocking-style transactions over a {@link ReactiveTransactionManager} (such
 * as the R2DBC one Spring Boot configures): {@code @Transactional} on methods with non-reactive
 * return types, and a {@link BlockingTransactions} bean for programmatic use. Active when
 * {@code bridge.enabled} is true.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
		"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration" })
@ConditionalOnClass({ ReactiveTransactionManager.class, TransactionInterceptor.class })
@ConditionalOnBooleanProperty("bridge.enabled")
public final class BlockingTransactionsAutoConfiguration {

	@Bean
	static BlockingTransactionInterceptorPostProcessor blockingTransactionInterceptorPostProcessor() {
		return new BlockingTransactionInterceptorPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(ReactiveTransactionManager.class)
	BlockingTransactions blockingTransactions(ReactiveTransactionManager transactionManager) {
		return new BlockingTransactions(transactionManager);
	}

}
