package io.blockingbridge.sample.courier;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the courier service that is part of the sample, and of the client that orders ask it
 * with.
 *
 * @param delay how long the courier service takes to answer
 * @param failureRate the share of requests it answers {@code 503} (no courier free), from 0.0
 * (none) to 1.0 (all)
 * @param minutes the minutes until a courier picks an order up, as the courier service answers
 * @param url the base URL of the courier service ({@code POST {url}/courier/quotes}); by default
 * this application itself
 * @param timeout how long an order waits for the courier's answer before it fails
 */
@ConfigurationProperties("courier")
@Validated
public record CourierProperties(@DefaultValue("200ms") Duration delay,
		@DefaultValue("0") @DecimalMin("0.0") @DecimalMax("1.0") double failureRate,
		@DefaultValue("10") @Min(0) int minutes, @Nullable URI url, @DefaultValue("5s") Duration timeout) {
}
