package io.blockingbridge.sample;

import org.springframework.test.context.ActiveProfiles;

/**
 * {@link UnstorableInputTests} on PostgreSQL, which refuses NUL characters in text.
 */
@ActiveProfiles("postgres")
@RequiresPostgres
class PostgresUnstorableInputTests extends UnstorableInputTests {

}
