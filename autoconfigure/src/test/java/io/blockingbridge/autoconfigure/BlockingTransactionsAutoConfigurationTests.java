package io.blockingbridge.autoconfigure;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.blockingbridge.r2dbc.BlockingTransactionInterceptor;
import io.blockingbridge.r2dbc.BlockingTransactions;
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
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.binding.BindMarkersFactory;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionInterceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Conditions of the R2DBC auto-configurations: {@link BlockingDatabaseClientAutoConfiguration} and
 * {@link BlockingTransactionsAutoConfiguration}.
 */
class BlockingR2dbcAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(R2dbcAutoConfiguration.class,
				R2dbcTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				BridgeAutoConfiguration.class, BlockingDatabaseClientAutoConfiguration.class,
				BlockingTransactionsAutoConfiguration.class))
		.withPropertyValues("spring.r2dbc.generate-unique-name=true")
		.withUserConfiguration(TransactionalServiceConfiguration.class);

	@Test
	void enabledBridgeProvidesClientTransactionsInterceptorAndGuard() {
		this.runner.withPropertyValues("bridge.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(BlockingDatabaseClient.class).hasSingleBean(BlockingTransactions.class);
			assertThat(context.getBean(BlockingDatabaseClient.class).getDatabaseClient())
				.isSameAs(context.getBean(DatabaseClient.class));
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
			assertThat(context).doesNotHaveBean(BlockingDatabaseClient.class)
				.doesNotHaveBean(BlockingTransactions.class);
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
	void applicationsOwnBlockingDatabaseClientWins() {
		this.runner.withPropertyValues("bridge.enabled=true")
			.withBean("myClient", BlockingDatabaseClient.class,
					() -> BlockingDatabaseClient.create(DatabaseClient.builder()
						.connectionFactory(new ConnectionFactoryStub())
						.bindMarkers(BindMarkersFactory.indexed("$", 1))
						.build()))
			.run((context) -> assertThat(context).hasSingleBean(BlockingDatabaseClient.class).hasBean("myClient"));
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

	/** A connection factory that is never asked for a connection. */
	static class ConnectionFactoryStub implements ConnectionFactory {

		@Override
		public org.reactivestreams.Publisher<? extends io.r2dbc.spi.Connection> create() {
			throw new UnsupportedOperationException();
		}

		@Override
		public io.r2dbc.spi.ConnectionFactoryMetadata getMetadata() {
			return () -> "stub";
		}

	}

}
