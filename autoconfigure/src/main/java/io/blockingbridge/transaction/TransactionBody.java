package io.blockingbridge.transaction;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.ReactiveTransaction;

/**
 * Code to run in a transaction.
 *
 * @param <T> the type of the result
 */
@FunctionalInterface
interface TransactionBody<T> {

	@Nullable T run(ReactiveTransaction status) throws Throwable;

}
