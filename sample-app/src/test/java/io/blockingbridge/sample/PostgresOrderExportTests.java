package io.blockingbridge.sample;

import org.springframework.test.context.ActiveProfiles;

/**
 * {@link OrderExportTests} with the {@code postgres} profile.
 */
@ActiveProfiles("postgres")
@RequiresPostgres
class PostgresOrderExportTests extends OrderExportTests {

}
