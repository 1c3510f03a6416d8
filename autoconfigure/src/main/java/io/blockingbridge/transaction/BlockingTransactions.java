package io.blockingbridge.transaction;

import java.util.Optional;
import java.util.function.Consumer;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.ReactiveTransaction;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.reactive.TransactionContext;
import org.springframework.util.Assert;

/**
 * Programmatic transactions of a {@link ReactiveTransactionManager} (such as R2DBC's) around
 * blocking-style code: the counterpart of Spring's {@code TransactionTemplate} and
 * {@code TransactionalOperator}.
 * <pre class="code">
 * long id = transactions.execute((status) -&gt; {
 *     client.sql("INSERT INTO orders ...").fetch().rowsUpdated();
 *     client.sql("UPDATE stock ...").fetch().rowsUpdated();
 *     return orderId;
 * });
 * </pre>
 * The code runs on the calling thread, which must be allowed to block (a virtual thread of a
 * {@code @BlockingStyle} request, a {@link io.blockingbridge.core.Bridge#spawn spawned} task, main,
 * a test). Every publisher it awaits through the bridge ({@code BlockingDatabaseClient},
 * {@code Bridge.await(databaseClient...)}, blocking repositories, reactive {@code @Transactional}
 * methods) runs in the transaction, on its connection. Propagation, isolation, read-only and timeout
 * follow the definition; a transaction already running on the thread (blocking, or the reactive one
 * of the Reactor Context the code runs for) is joined, suspended or nested accordingly.
 * <p>
 * The transaction commits when the code returns and rolls back when it throws, when
 * {@link ReactiveTransaction#setRollbackOnly()} was called, and when the code was aborted: an await
 * timed out, the thread was interrupted (for example because the client of the request went away),
 * or the definition's timeout expired. The definition's timeout is one deadline for the whole
 * transaction. Commit and rollback always run to their end, even on an interrupted thread, so that
 * the connection is released and the outcome is known; see
 * {@link io.blockingbridge.core.Bridge#awaitUninterruptibly(reactor.core.publisher.Mono)}.
 * Instances are immutable and thread-safe.
 */
public class BlockingTransactions {

	private final ReactiveTransactionManager transactionManager;

	private final TransactionAttribute attribute;

	private final BridgeSettings settings;

	/**
	 * Create an instance that runs code in transactions of the default definition (propagation
	 * required, default isolation, no timeout, read-write).
	 * @param transactionManager the transaction manager to use
	 */
	public BlockingTransactions(ReactiveTransactionManager transactionManager) {
		this(transactionManager, TransactionDefinition.withDefaults());
	}

	/**
	 * Create an instance that runs code in transactions of the given definition.
	 * @param transactionManager the transaction manager to use
	 * @param definition the propagation, isolation, read-only flag, timeout and name
	 */
	public BlockingTransactions(ReactiveTransactionManager transactionManager, TransactionDefinition definition) {
		this(transactionManager, definition, BridgeSettings.defaults());
	}

	/**
	 * Create an instance that runs code in transactions of the given definition, for the
	 * application of the given settings: called outside of any bridge scope (from main, a test, a
	 * scheduled task), its awaits get that application's {@code bridge.timeout}.
	 * @param transactionManager the transaction manager to use
	 * @param definition the propagation, isolation, read-only flag, timeout and name
	 * @param settings the settings of the application
	 * @throws io.blockingbridge.core.BridgeUsageException if this version of Spring keeps a transaction
	 * in the Reactor Context where forks of {@code Bridge.concurrently()} would see it (checked once)
	 */
	public BlockingTransactions(ReactiveTransactionManager transactionManager, TransactionDefinition definition,
			BridgeSettings settings) {
		Assert.notNull(transactionManager, "ReactiveTransactionManager must not be null");
		Assert.notNull(definition, "TransactionDefinition must not be null");
		Assert.notNull(settings, "BridgeSettings must not be null");
		SpringTransactionInternals.check();
		this.transactionManager = transactionManager;
		this.attribute = new RollbackOnAnyThrowable(definition);
		this.settings = settings;
	}

	/**
	 * Return an instance with the same transaction manager and settings and the given definition.
	 * @param definition the definition of the transactions
	 * @return a new instance
	 */
	public BlockingTransactions withDefinition(TransactionDefinition definition) {
		return new BlockingTransactions(this.transactionManager, definition, this.settings);
	}

	/**
	 * Return the transaction manager this instance uses.
	 * @return the transaction manager
	 */
	public ReactiveTransactionManager getTransactionManager() {
		return this.transactionManager;
	}

	/**
	 * Return the definition of the transactions this instance runs.
	 * @return the definition
	 */
	public TransactionDefinition getTransactionDefinition() {
		return this.attribute;
	}

	/**
	 * Run the given code in a transaction and return its result.
	 * @param <T> the type of the result
	 * @param action the code to run
	 * @return the code's result
	 * @throws TransactionException if the transaction cannot begin, commit or roll back
	 * @throws RuntimeException what the code threw, after the rollback
	 */
	public <T> @Nullable T execute(BlockingTransactionCallback<T> action) {
		Assert.notNull(action, "BlockingTransactionCallback must not be null");
		try {
			return BlockingTransactionExecutor.execute(this.transactionManager, this.attribute, this.settings,
					action::doInTransaction);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Transaction callback threw an undeclared checked exception", ex);
		}
	}

	/**
	 * Run the given code in a transaction.
	 * @param action the code to run
	 * @throws TransactionException if the transaction cannot begin, commit or roll back
	 * @throws RuntimeException what the code threw, after the rollback
	 */
	public void executeWithoutResult(Consumer<ReactiveTransaction> action) {
		Assert.notNull(action, "Action must not be null");
		execute((status) -> {
			action.accept(status);
			return null;
		});
	}

	/**
	 * Return the status of the innermost blocking transaction the current thread runs in, whether
	 * started by a {@code BlockingTransactions} or by {@code @Transactional}; for example to
	 * {@link ReactiveTransaction#setRollbackOnly() mark it rollback-only}.
	 * @return the transaction's status, or empty outside of a blocking transaction
	 */
	public static Optional<ReactiveTransaction> currentTransaction() {
		BlockingTransaction transaction = BlockingTransaction.current();
		return (transaction != null) ? Optional.of(transaction.status()) : Optional.empty();
	}

	/**
	 * Return the reactive transaction context of the innermost blocking transaction the current
	 * thread runs in: the one every publisher that joins the transaction is subscribed with. A
	 * resource that must take part in the transaction (such as a connection factory that refuses
	 * connections requested around it) compares it with the context of a subscriber.
	 * @return the transaction context, or empty outside of a blocking transaction
	 */
	public static Optional<TransactionContext> currentTransactionContext() {
		return (BlockingTransaction.current() != null) ? Bridge.context().getOrEmpty(TransactionContext.class)
				: Optional.empty();
	}

	@Override
	public String toString() {
		return "BlockingTransactions [" + this.attribute + "] with " + this.transactionManager;
	}

	/** Like TransactionTemplate: whatever the code throws rolls the transaction back. */
	private static final class RollbackOnAnyThrowable extends DefaultTransactionAttribute {

		RollbackOnAnyThrowable(TransactionDefinition definition) {
			setPropagationBehavior(definition.getPropagationBehavior());
			setIsolationLevel(definition.getIsolationLevel());
			setTimeout(definition.getTimeout());
			setReadOnly(definition.isReadOnly());
			setName(definition.getName());
		}

		@Override
		public boolean rollbackOn(Throwable ex) {
			return true;
		}

	}

}
