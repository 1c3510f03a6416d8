package io.blockingbridge.sample;

import org.springframework.test.context.ActiveProfiles;

/**
 * The end-to-end flow of {@link OrderFlowTests} with the {@code postgres} profile: the same
 * application, unchanged, on PostgreSQL at 127.0.0.1:5432.
 */
@ActiveProfiles("postgres")
@RequiresPostgres
class PostgresOrderFlowTests extends OrderFlowTests {

}
