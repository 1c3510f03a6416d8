/**
 * Blocking-style R2DBC: {@link io.blockingbridge.r2dbc.BlockingDatabaseClient} over Spring's
 * {@code DatabaseClient}, {@link io.blockingbridge.r2dbc.BlockingR2dbcEntityTemplate} over Spring
 * Data R2DBC's entity template, and {@link io.blockingbridge.r2dbc.TransactionBoundConnectionFactory},
 * which keeps connections requested around the bridge out of a blocking transaction (see
 * {@link io.blockingbridge.transaction}).
 */
@NullMarked
package io.blockingbridge.r2dbc;

import org.jspecify.annotations.NullMarked;
