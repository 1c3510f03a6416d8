package io.blockingbridge.sample;

import org.springframework.test.context.ActiveProfiles;

/**
 * {@link ConcurrentCustomersTests} with the {@code postgres} profile, where every statement
 * completes on another thread than the one that sent it.
 */
@ActiveProfiles("postgres")
@RequiresPostgres
class PostgresConcurrentCustomersTests extends ConcurrentCustomersTests {

}
