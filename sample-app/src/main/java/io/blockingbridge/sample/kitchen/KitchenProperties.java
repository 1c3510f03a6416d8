package io.blockingbridge.sample.kitchen;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the kitchen service that is part of the sample, and of the client that orders call
 * it with.
 *
 * @param delay how long the kitchen takes to answer an order
 * @param failureRate the share of orders the kitchen refuses with {@code 503}, from 0.0 (none) to
 * 1.0 (all)
 * @param url the base URL of the kitchen that orders are sent to ({@code POST {url}/kitchen/orders});
 * by default this application itself
 * @param timeout how long an order waits for the kitchen's answer before it fails
 * @param password the password of the kitchen's credential (user {@code kitchen}, role
 * {@code KITCHEN}): the kitchen's routes require it, and the order flow sends it. The default is
 * for development only; set another one wherever the application is reachable by others.
 * @param maxIdleTime how long a pooled connection to the kitchen may stay unused before the client
 * closes it; keep it below the kitchen server's idle timeout ({@code server.netty.idle-timeout},
 * 30 s for this application), or a request may be sent on a connection the server is closing
 */
@ConfigurationProperties("kitchen")
@Validated
public record KitchenProperties(@DefaultValue("300ms") Duration delay,
		@DefaultValue("0") @DecimalMin("0.0") @DecimalMax("1.0") double failureRate, @Nullable URI url,
		@DefaultValue("5s") Duration timeout, @DefaultValue("kitchen-password") String password,
		@DefaultValue("20s") Duration maxIdleTime) {
}
