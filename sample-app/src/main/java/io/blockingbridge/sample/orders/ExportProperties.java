package io.blockingbridge.sample.orders;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of {@code GET /orders/export}, each of which holds a database connection (a cursor) for as
 * long as its client reads. Counted per instance.
 *
 * @param maxPerCustomer the most exports one customer may run at once
 * @param maxConcurrent the most exports of all customers at once; by default half of
 * {@code spring.r2dbc.pool.max-size}, so that exports never hold the connections orders need
 * @param retryAfterSeconds the {@code Retry-After} of an export refused with {@code 429}
 */
@ConfigurationProperties("orders.export")
public record ExportProperties(@DefaultValue("2") int maxPerCustomer, @Nullable Integer maxConcurrent,
		@DefaultValue("5") int retryAfterSeconds) {
}
