/**
 * Blocking-style R2DBC: {@link io.blockingbridge.r2dbc.BlockingDatabaseClient} over Spring's
 * {@code DatabaseClient}, and transactions of an R2DBC {@code ReactiveTransactionManager} around
 * blocking-style code ({@link io.blockingbridge.r2dbc.BlockingTransactions}, and {@code @Transactional}
 * on methods with non-reactive return types through
 * {@link io.blockingbridge.r2dbc.BlockingTransactionInterceptor}).
 */
@NullMarked
package io.blockingbridge.r2dbc;

import org.jspecify.annotations.NullMarked;
