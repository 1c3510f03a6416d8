package io.blockingbridge.sample;

import org.springframework.test.context.ActiveProfiles;

/**
 * {@link OrderRecoveryTests} on PostgreSQL, where the two recoverers really run at once on separate
 * connections.
 */
@ActiveProfiles("postgres")
@RequiresPostgres
class PostgresOrderRecoveryTests extends OrderRecoveryTests {

}
