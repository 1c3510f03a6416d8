package io.blockingbridge.sample.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Remembers successful HTTP Basic logins for a short time, so that a client sending the same
 * credentials with every request does not pay a bcrypt check (tens of milliseconds of CPU) each
 * time. Without it, a burst of requests spends the machine's CPU on password hashing before the
 * admission limit can answer any of them with a fast {@code 503}, and admitted orders time out.
 * <p>
 * Only successes are remembered, keyed by the user name and a SHA-256 digest of the password (the
 * password itself is not kept); failures always reach the real check. A changed password or a
 * removed user takes effect after at most the time to live. At most {@code maxEntries} logins are
 * kept; when full, the memory starts afresh.
 */
final class RecentLogins implements ReactiveAuthenticationManager {

	private final ReactiveAuthenticationManager delegate;

	private final long ttlNanos;

	private final int maxEntries;

	private final Map<String, Remembered> logins = new ConcurrentHashMap<>();

	RecentLogins(ReactiveAuthenticationManager delegate, Duration ttl, int maxEntries) {
		this.delegate = delegate;
		this.ttlNanos = ttl.toNanos();
		this.maxEntries = maxEntries;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		if (this.ttlNanos <= 0 || !(authentication instanceof UsernamePasswordAuthenticationToken)
				|| !(authentication.getCredentials() instanceof String password)) {
			return this.delegate.authenticate(authentication);
		}
		String key = key(authentication.getName(), password);
		Remembered remembered = this.logins.get(key);
		long now = System.nanoTime();
		if (remembered != null && now - remembered.expiresAt() < 0) {
			return Mono.just(remembered.authentication());
		}
		return this.delegate.authenticate(authentication).doOnNext((authenticated) -> {
			if (this.logins.size() >= this.maxEntries) {
				this.logins.clear();
			}
			this.logins.put(key, new Remembered(authenticated, System.nanoTime() + this.ttlNanos));
		});
	}

	private static String key(String name, String password) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(name.getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			digest.update(password.getBytes(StandardCharsets.UTF_8));
			return name + ":" + HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	private record Remembered(Authentication authentication, long expiresAt) {
	}

}
