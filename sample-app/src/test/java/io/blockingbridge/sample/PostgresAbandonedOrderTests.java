package io.blockingbridge.sample;

import org.springframework.test.context.ActiveProfiles;

/**
 * {@link AbandonedOrderTests} on PostgreSQL, whose driver completes on its own threads, so the
 * interrupt of an abandoned request really races the writes.
 */
@ActiveProfiles("postgres")
@RequiresPostgres
class PostgresAbandonedOrderTests extends AbandonedOrderTests {

}
