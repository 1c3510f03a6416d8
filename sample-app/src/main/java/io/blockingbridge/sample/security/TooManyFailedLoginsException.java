package io.blockingbridge.sample.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * A login refused without checking its password, because its user name or its client address has
 * failed too often recently ({@link FailedLogins}); answered {@code 429} with {@code Retry-After}.
 */
final class TooManyFailedLoginsException extends AuthenticationException {

	private final Duration retryAfter;

	TooManyFailedLoginsException(Duration retryAfter) {
		super("Too many failed logins; try again in " + seconds(retryAfter) + " seconds.");
		this.retryAfter = retryAfter;
	}

	/** A refusal, not a failure: no stack trace (it is made for every refused guess, see LockedOutLogins). */
	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

	/** The whole seconds to wait, at least 1. */
	long retryAfterSeconds() {
		return seconds(this.retryAfter);
	}

	private static long seconds(Duration wait) {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

}
