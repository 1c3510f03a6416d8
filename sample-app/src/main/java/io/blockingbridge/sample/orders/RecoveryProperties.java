package io.blockingbridge.sample.orders;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@link OrderRecovery}, which resolves orders left {@code PENDING} by a crash.
 *
 * @param enabled whether recovery runs (at start-up and then every {@code interval})
 * @param pendingAge how old a {@code PENDING} order must be to count as abandoned; must be longer
 * than any request can take (more than {@code kitchen.timeout} plus the database writes)
 * @param interval the pause between two recovery passes
 * @param batchSize the most orders one pass resolves
 * @param idempotencyRetention how long the answers recorded for {@code Idempotency-Key}s are kept
 */
@ConfigurationProperties("orders.recovery")
public record RecoveryProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration pendingAge,
		@DefaultValue("30s") Duration interval, @DefaultValue("100") int batchSize,
		@DefaultValue("24h") Duration idempotencyRetention) {
}
