package io.blockingbridge.transaction;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.ReactiveTransaction;

/**
 * Blocking-style code to run in a transaction by {@link BlockingTransactions}: the counterpart of
 * Spring's {@code TransactionCallback}.
 *
 * @param <T> the type of the result
 */
@FunctionalInterface
public interface BlockingTransactionCallback<T> {

	/**
	 * Run in the transaction. A {@link RuntimeException} or {@link Error} rolls it back;
	 * {@link ReactiveTransaction#setRollbackOnly()} rolls it back without one.
	 * @param status the transaction's status
	 * @return a result, or {@code null}
	 */
	@Nullable T doInTransaction(ReactiveTransaction status);

}
