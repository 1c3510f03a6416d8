package io.blockingbridge.sample;

import org.springframework.test.context.ActiveProfiles;

/**
 * {@link IdempotencyTests} on PostgreSQL.
 */
@ActiveProfiles("postgres")
@RequiresPostgres
class PostgresIdempotencyTests extends IdempotencyTests {

}
