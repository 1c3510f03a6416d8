package io.blockingbridge.autoconfigure;

import io.blockingbridge.transaction.BlockingTransactionInterceptor;
import io.blockingbridge.transaction.BlockingTransactions;
import io.blockingbridge.r2dbc.TransactionBoundConnectionFactory;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionInterceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link BlockingTransactionsAutoConfiguration}: {@code @Transactional} on blocking methods,
 * {@link BlockingTransactions} and the connection guard, and their conditions.
 */
class BlockingTransactionsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(R2dbcAutoConfiguration.class,
				R2dbcTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				BridgeAutoConfiguration.class, BlockingTransactionsAutoConfiguration.class))
		.withPropertyValues("spring.r2dbc.generate-unique-name=true")
		.withUserConfiguration(TransactionalServiceConfiguration.class);

	@Test
	void enabledBridgeProvidesTransactionsInterceptorAndGuard() {
		this.runner.withPropertyValues("bridge.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(BlockingTransactions.class);
			assertThat(context.getBean(BlockingTransactions.class).getTransactionManager())
				.isSameAs(context.getBean(ReactiveTransactionManager.class));
			assertThat(context.getBean(TransactionInterceptor.class)).isInstanceOf(BlockingTransactionInterceptor.class);
			ConnectionFactory connectionFactory = context.getBean(ConnectionFactory.class);
			assertThat(connectionFactory).isInstanceOf(TransactionBoundConnectionFactory.class);
			assertThat(((Wrapped<?>) connectionFactory).unwrap()).isInstanceOf(ConnectionPool.class);
			context.getBean(TransactionalService.class).inTransaction();
		});
	}

	@Test
	void withoutTheBridgeStockSpringRefusesBlockingTransactionalMethods() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(BlockingTransactions.class);
			assertThat(context.getBean(TransactionInterceptor.class)).isNotInstanceOf(BlockingTransactionInterceptor.class);
			assertThat(context.getBean(ConnectionFactory.class)).isInstanceOf(ConnectionPool.class);
			assertThatIllegalStateException().isThrownBy(() -> context.getBean(TransactionalService.class).inTransaction())
				.withMessageContaining("Cannot apply reactive transaction to non-reactive return type");
		});
	}

	@Test
	void guardCanBeSwitchedOff() {
		this.runner.withPropertyValues("bridge.enabled=true", "bridge.r2dbc.guard-connections=false")
			.run((context) -> assertThat(context.getBean(ConnectionFactory.class)).isInstanceOf(ConnectionPool.class));
	}

	@Test
	void applicationsOwnBlockingTransactionsWin() {
		this.runner.withPropertyValues("bridge.enabled=true")
			.withBean("myTransactions", BlockingTransactions.class,
					() -> new BlockingTransactions(new R2dbcTransactionManager(new ConnectionFactoryStub())))
			.run((context) -> assertThat(context).hasSingleBean(BlockingTransactions.class).hasBean("myTransactions"));
	}

	@Configuration(proxyBeanMethods = false)
	static class TransactionalServiceConfiguration {

		@Bean
		TransactionalService transactionalService() {
			return new TransactionalService();
		}

	}

	static class TransactionalService {

		@Transactional
		public void inTransaction() {
			assertThat(BlockingTransactions.currentTransaction()).isPresent();
		}

	}

}
