package io.blockingbridge.transaction;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import io.blockingbridge.core.BridgeScope;
import io.blockingbridge.core.BridgeSettings;
import io.blockingbridge.core.BridgeTimeoutException;
import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.ConnectionFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a {@code @Transactional} method completes when its thread is interrupted (a client disconnect)
 * or its limits strike while the commit or rollback runs. The connections commit and roll back
 * later, on another thread ({@link SlowCompletionConnectionFactory}), so the interrupt really hits
 * the wait for the completion; the pool's acquired count tells whether a connection leaked.
 */
abstract class AbstractTransactionCompletionTests {

	private ConnectionPool pool;

	private SlowCompletionConnectionFactory connectionFactory;

	private BlockingDatabaseClient client;

	private CompletionItemService service;

	/**
	 * Return the R2DBC URL of the database to run against.
	 * @return the URL
	 */
	abstract String r2dbcUrl();

	@BeforeEach
	void setUp() {
		this.pool = new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(r2dbcUrl()))
			.maxSize(4)
			.maxAcquireTime(Duration.ofSeconds(10))
			.build());
		this.connectionFactory = new SlowCompletionConnectionFactory(this.pool);
		this.client = BlockingDatabaseClient.create(DatabaseClient.create(this.connectionFactory));
		this.client.sql("CREATE TABLE IF NOT EXISTS bb_completion_item (id INT PRIMARY KEY)").then();
		this.client.sql("DELETE FROM bb_completion_item").then();
		BlockingTransactionInterceptor interceptor = new BlockingTransactionInterceptor(
				new R2dbcTransactionManager(this.connectionFactory), new AnnotationTransactionAttributeSource());
		ProxyFactory proxyFactory = new ProxyFactory(new CompletionItemService(this.client));
		proxyFactory.setProxyTargetClass(true);
		proxyFactory.addAdvice(interceptor);
		this.service = (CompletionItemService) proxyFactory.getProxy();
	}

	@AfterEach
	void tearDown() {
		Thread.interrupted();
		this.pool.dispose();
	}

	@Test
	void interruptDuringCommitReturnsTheResultOfTheCommittedTransaction() throws Exception {
		this.connectionFactory.delayCompletion(Duration.ofMillis(500));
		Outcome<Integer> outcome = runInterruptedAt(this.connectionFactory::commitStarted, () -> this.service.insert(1));
		assertThat(outcome.failure()).isNull();
		assertThat(outcome.result()).isEqualTo(1);
		assertThat(outcome.interruptedAfterwards()).isTrue();
		assertThat(ids()).containsExactly(1);
		awaitNoConnectionAcquired();
	}

	@Test
	void interruptedMethodThrowingACheckedExceptionCommitsAndThrowsIt() throws Exception {
		this.connectionFactory.delayCompletion(Duration.ofMillis(200));
		Outcome<Object> outcome = runOnThread(() -> {
			this.service.insertThenInterruptedThenThrowChecked(1);
			return null;
		});
		assertThat(outcome.failure()).isInstanceOf(IOException.class)
			.hasMessage("checked, so the transaction commits");
		assertThat(outcome.interruptedAfterwards()).isTrue();
		assertThat(ids()).containsExactly(1);
		awaitNoConnectionAcquired();
	}

	@Test
	void interruptDuringRollbackLetsItFinishAndReleaseTheConnection() throws Exception {
		this.connectionFactory.delayCompletion(Duration.ofMillis(500));
		Outcome<Object> outcome = runInterruptedAt(this.connectionFactory::rollbackStarted, () -> {
			this.service.insertThenFail(1);
			return null;
		});
		assertThat(outcome.failure()).isInstanceOf(IllegalStateException.class).hasMessage("failing after the insert");
		assertThat(outcome.interruptedAfterwards()).isTrue();
		assertThat(ids()).isEmpty();
		awaitNoConnectionAcquired();
	}

	@Test
	void commitLongerThanTheBridgeTimeoutStillCompletes() {
		this.connectionFactory.delayCompletion(Duration.ofMillis(1000));
		Integer result;
		try (BridgeScope scope = BridgeScope.open(Context.empty(), Duration.ofMillis(200))) {
			result = this.service.insert(1);
		}
		assertThat(result).isEqualTo(1);
		assertThat(ids()).containsExactly(1);
		awaitNoConnectionAcquired();
	}

	@Test
	void everyAwaitOfATransactionGetsOnlyTheTimeThatRemains() throws Exception {
		CountDownLatch firstDone = new CountDownLatch(1);
		Outcome<Object> outcome = runOnThread(() -> {
			this.service.insertThenAwaitTwice(1, Duration.ofMillis(1200), firstDone);
			return null;
		});
		assertThat(firstDone.getCount()).as("the first await fits in the transaction's 2 seconds").isZero();
		assertThat(outcome.failure()).isInstanceOf(BridgeTimeoutException.class);
		// 2 s of transaction timeout, of which the first await used 1.2 s: the second gets the rest
		assertThat(((BridgeTimeoutException) outcome.failure()).getTimeout()).isPositive()
			.isLessThanOrEqualTo(Duration.ofMillis(800));
		assertThat(ids()).isEmpty();
		awaitNoConnectionAcquired();
	}

	@Test
	void reachingTheDeadlineRollsBackWhateverNoRollbackForSays() throws Exception {
		Outcome<Object> outcome = runOnThread(() -> {
			this.service.insertThenOutliveDeadlineWithNoRollbackFor(1);
			return null;
		});
		assertThat(outcome.failure()).isInstanceOf(TransactionTimedOutException.class)
			.hasMessageContaining("rolled back")
			.hasCauseInstanceOf(BridgeTimeoutException.class);
		assertThat(ids()).isEmpty();
		awaitNoConnectionAcquired();
	}

	@Test
	void transactionsOutsideOfAScopeUseTheirApplicationsTimeout() {
		BlockingTransactions transactions = new BlockingTransactions(new R2dbcTransactionManager(this.connectionFactory),
				org.springframework.transaction.TransactionDefinition.withDefaults(),
				new BridgeSettings(Duration.ofSeconds(7)));
		assertThat(transactions.<Duration>execute((status) -> BridgeScope.currentTimeout())).isEqualTo(Duration.ofSeconds(7));
		assertThat(transactions.withDefinition(org.springframework.transaction.TransactionDefinition.withDefaults())
			.<Duration>execute((status) -> BridgeScope.currentTimeout())).isEqualTo(Duration.ofSeconds(7));
		try (BridgeScope scope = BridgeScope.open(Context.empty(), Duration.ofSeconds(3))) {
			assertThat(transactions.<Duration>execute((status) -> BridgeScope.currentTimeout()))
				.as("inside a scope, the scope's limit holds").isEqualTo(Duration.ofSeconds(3));
		}
	}

	private List<Integer> ids() {
		return this.client.sql("SELECT id FROM bb_completion_item ORDER BY id").mapValue(Integer.class).all();
	}

	private void awaitNoConnectionAcquired() {
		awaitCondition(() -> this.pool.getMetrics().map(PoolMetrics::acquiredSize).orElseThrow() == 0,
				"the pool's acquired count returns to 0");
	}

	/** Run the call on a platform thread and interrupt it once the latch is reached. */
	private static <T> Outcome<T> runInterruptedAt(java.util.function.Supplier<CountDownLatch> latch, Call<T> call)
			throws InterruptedException {
		CountDownLatch reached = latch.get();
		Run<T> run = new Run<>(call);
		Thread thread = Thread.ofPlatform().name("bb-completion").start(run);
		assertThat(reached.await(10, TimeUnit.SECONDS)).as("completion started").isTrue();
		thread.interrupt();
		thread.join(20_000);
		assertThat(thread.isAlive()).isFalse();
		return run.outcome.get();
	}

	private static <T> Outcome<T> runOnThread(Call<T> call) throws InterruptedException {
		Run<T> run = new Run<>(call);
		Thread thread = Thread.ofPlatform().name("bb-completion").start(run);
		thread.join(20_000);
		assertThat(thread.isAlive()).isFalse();
		return run.outcome.get();
	}

	private static void awaitCondition(BooleanSupplier condition, String description) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime() - deadline).as(description + " within 10 seconds").isNegative();
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	@FunctionalInterface
	interface Call<T> {

		T call() throws Exception;

	}

	record Outcome<T>(T result, Throwable failure, boolean interruptedAfterwards) {
	}

	private static final class Run<T> implements Runnable {

		private final Call<T> call;

		private final AtomicReference<Outcome<T>> outcome = new AtomicReference<>();

		Run(Call<T> call) {
			this.call = call;
		}

		@Override
		public void run() {
			T result = null;
			Throwable failure = null;
			try {
				result = this.call.call();
			}
			catch (Throwable ex) {
				failure = ex;
			}
			this.outcome.set(new Outcome<>(result, failure, Thread.currentThread().isInterrupted()));
		}

	}

}
