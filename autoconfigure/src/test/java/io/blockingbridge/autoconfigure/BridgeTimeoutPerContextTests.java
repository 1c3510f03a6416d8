package io.blockingbridge.autoconfigure;

import java.time.Duration;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeScope;
import io.blockingbridge.core.BridgeSettings;
import io.blockingbridge.core.BridgeTimeoutException;
import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.blockingbridge.transaction.BlockingTransactions;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.binding.BindMarkersFactory;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code bridge.timeout} belongs to its application context: two contexts in one JVM, running at
 * the same time, each keep their own.
 */
class BridgeTimeoutPerContextTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(R2dbcAutoConfiguration.class,
				R2dbcTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				BridgeAutoConfiguration.class, BlockingDatabaseClientAutoConfiguration.class,
				BlockingTransactionsAutoConfiguration.class))
		.withPropertyValues("spring.r2dbc.generate-unique-name=true", "bridge.enabled=true")
		.withUserConfiguration(WaitingServiceConfiguration.class)
		.withBean(DatabaseClient.class, () -> DatabaseClient.builder()
			.connectionFactory(new SlowFailingConnectionFactory())
			.bindMarkers(BindMarkersFactory.indexed("$", 1))
			.build());

	@Test
	void twoContextsKeepTheirOwnTimeout() {
		this.runner.withPropertyValues("bridge.timeout=2s").run((shortLimit) -> {
			this.runner.withPropertyValues("bridge.timeout=20s").run((longLimit) -> {
				assertThat(shortLimit.getBean(BridgeSettings.class).timeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(longLimit.getBean(BridgeSettings.class).timeout()).isEqualTo(Duration.ofSeconds(20));

				warmUp(shortLimit.getBean(BlockingTransactions.class));
				warmUp(longLimit.getBean(BlockingTransactions.class));
				WaitingService inShort = shortLimit.getBean(WaitingService.class);
				WaitingService inLong = longLimit.getBean(WaitingService.class);
				assertThat(inShort.limitInTransaction()).isEqualTo(Duration.ofSeconds(2));
				assertThat(inLong.limitInTransaction()).isEqualTo(Duration.ofSeconds(20));
				assertThatExceptionOfType(BridgeTimeoutException.class)
					.isThrownBy(() -> inShort.awaitInTransaction(Duration.ofSeconds(3)))
					.satisfies((ex) -> assertThat(ex.getTimeout()).isEqualTo(Duration.ofSeconds(2)));
				assertThat(inLong.awaitInTransaction(Duration.ofSeconds(3))).isEqualTo("waited");

				BlockingTransactions shortTransactions = shortLimit.getBean(BlockingTransactions.class);
				BlockingTransactions longTransactions = longLimit.getBean(BlockingTransactions.class);
				assertThat(shortTransactions.<Duration>execute((status) -> BridgeScope.currentTimeout()))
					.isEqualTo(Duration.ofSeconds(2));
				assertThat(longTransactions.<Duration>execute((status) -> BridgeScope.currentTimeout()))
					.isEqualTo(Duration.ofSeconds(20));

				// the blocking client outside of any scope: its own application's limit
				assertThatExceptionOfType(BridgeTimeoutException.class)
					.isThrownBy(() -> shortLimit.getBean(BlockingDatabaseClient.class).sql("SELECT 1").then())
					.satisfies((ex) -> assertThat(ex.getTimeout()).isEqualTo(Duration.ofSeconds(2)));
				assertThatExceptionOfType(DataAccessException.class)
					.isThrownBy(() -> longLimit.getBean(BlockingDatabaseClient.class).sql("SELECT 1").then())
					.havingRootCause()
					.withMessage("no connection after 3 seconds");

				assertThat(BridgeScope.currentTimeout())
					.as("outside of any scope, without a component, while two applications run: the library's constant")
					.isEqualTo(BridgeScope.DEFAULT_TIMEOUT);
			});
			assertThat(shortLimit.getBean(WaitingService.class).limitInTransaction())
				.as("after the other context closed").isEqualTo(Duration.ofSeconds(2));
		});
	}

	/** Answers a request for a connection with a failure, 3 seconds later. */
	static class SlowFailingConnectionFactory implements ConnectionFactory {

		@Override
		public Publisher<? extends Connection> create() {
			return Mono.delay(Duration.ofSeconds(3))
				.then(Mono.error(new IllegalStateException("no connection after 3 seconds")));
		}

		@Override
		public ConnectionFactoryMetadata getMetadata() {
			return () -> "slow";
		}

	}

	/** Open the pool's first connection under a generous limit, so that the limits tested see no cold start. */
	private static void warmUp(BlockingTransactions transactions) {
		try (BridgeScope scope = BridgeScope.open(Context.empty(), Duration.ofSeconds(30))) {
			transactions.executeWithoutResult((status) -> {
			});
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class WaitingServiceConfiguration {

		@Bean
		WaitingService waitingService() {
			return new WaitingService();
		}

	}

	static class WaitingService {

		@Transactional
		public Duration limitInTransaction() {
			return BridgeScope.currentTimeout();
		}

		@Transactional
		public String awaitInTransaction(Duration delay) {
			return Bridge.await(Mono.delay(delay).thenReturn("waited"));
		}

	}

}
