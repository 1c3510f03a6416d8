package io.blockingbridge.sample.security;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on failed HTTP Basic logins (see {@link FailedLogins}).
 *
 * @param failuresPerUser failed logins per user name within {@code period}; more are answered
 * {@code 429} without checking the password
 * @param failuresPerAddress failed logins per client address within {@code period}, whatever the
 * user names
 * @param period the window of both limits: a failure is forgotten gradually within it
 * @param maxTracked the user names and the addresses remembered at most (each); beyond, the least
 * used are forgotten first
 */
@ConfigurationProperties("sample.security.login-limits")
@Validated
public record LoginLimitProperties(@DefaultValue("10") @Min(1) int failuresPerUser,
		@DefaultValue("30") @Min(1) int failuresPerAddress, @DefaultValue("1m") Duration period,
		@DefaultValue("10000") @Min(1) int maxTracked) {
}
