/**
 * Blocking-style transactions of any {@code ReactiveTransactionManager} (such as R2DBC's):
 * {@link io.blockingbridge.transaction.BlockingTransactions} for programmatic use, and
 * {@code @Transactional} on methods with non-reactive return types through
 * {@link io.blockingbridge.transaction.BlockingTransactionInterceptor}. The code runs on the calling
 * (virtual) thread; every publisher it awaits through the bridge joins the transaction.
 */
@NullMarked
package io.blockingbridge.transaction;

import org.jspecify.annotations.NullMarked;
