package io.blockingbridge.sample.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers HTTP Basic logins of a locked-out user name or client address ({@link FailedLogins}) with
 * {@code 429} before anything else runs, Spring Security's filter chain included, and closes the
 * connection ({@code Connection: close}): a client guessing passwords at full speed then costs the
 * server little more than reading its request, and must connect again for every guess, so it cannot
 * keep the event loops busy for the other clients. The kitchen's own credential is never refused
 * (as in {@link GuardedLogins}). The limits themselves are decided by {@link GuardedLogins}; this
 * only answers early what it would answer.
 */
final class LockedOutLogins implements WebFilter, Ordered {

	private static final String BASIC = "Basic ";

	private final FailedLogins failures;

	private final KitchenCredential kitchen;

	private final SecurityProblems problems;

	LockedOutLogins(FailedLogins failures, KitchenCredential kitchen, SecurityProblems problems) {
		this.failures = failures;
		this.kitchen = kitchen;
		this.problems = problems;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			return chain.filter(exchange);
		}
		String[] credentials = decode(header.substring(BASIC.length()));
		if (credentials == null) {
			return chain.filter(exchange);  // malformed: Spring Security answers it
		}
		Duration wait = this.failures.refusal(credentials[0], ClientAddress.of(exchange));
		if (wait == null || (KitchenCredential.isKitchen(credentials[0]) && this.kitchen.matches(credentials[1]))) {
			return chain.filter(exchange);
		}
		return this.problems.commence(exchange, new TooManyFailedLoginsException(wait));
	}

	/** User name and password, as Spring Security's HTTP Basic converter reads them; null if malformed. */
	private static String @Nullable [] decode(String encoded) {
		try {
			String decoded = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return (colon < 0) ? null : new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
