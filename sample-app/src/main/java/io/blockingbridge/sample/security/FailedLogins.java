package io.blockingbridge.sample.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;

/**
 * Counts failed logins per user name and per client address, and says when either has failed too
 * often: a Bucket4j token bucket of {@code failuresPerUser} (or {@code failuresPerAddress}) tokens
 * refilled evenly over {@code period}, one token per failure. A login is refused while either
 * bucket is empty; successful logins take no token.
 * <p>
 * Buckets live in Caffeine caches of at most {@code maxTracked} entries, dropped after
 * {@code period} without use (by then they are full again, so nothing is lost).
 */
final class FailedLogins {

	/** User names are remembered by their first characters at most (longer ones never log in). */
	private static final int MAX_KEY_LENGTH = 64;

	private final Cache<String, Bucket> users;

	private final Cache<String, Bucket> addresses;

	private final Bandwidth perUser;

	private final Bandwidth perAddress;

	FailedLogins(LoginLimitProperties limits) {
		this.perUser = bandwidth(limits.failuresPerUser(), limits.period());
		this.perAddress = bandwidth(limits.failuresPerAddress(), limits.period());
		this.users = cache(limits);
		this.addresses = cache(limits);
	}

	/**
	 * How long the user must wait before trying again from the address.
	 * @param user the user name the login presents
	 * @param address the client's address
	 * @return {@link Duration#ZERO} if the login may be checked
	 */
	Duration retryAfter(String user, String address) {
		return max(wait(this.users.getIfPresent(key(user))), wait(this.addresses.getIfPresent(address)));
	}

	/**
	 * Count a failed login.
	 * @param user the user name the login presented
	 * @param address the client's address
	 */
	void failed(String user, String address) {
		this.users.get(key(user), (key) -> bucket(this.perUser)).tryConsume(1);
		this.addresses.get(address, (key) -> bucket(this.perAddress)).tryConsume(1);
	}

	private static Duration wait(Bucket bucket) {
		if (bucket == null) {
			return Duration.ZERO;
		}
		EstimationProbe probe = bucket.estimateAbilityToConsume(1);
		return probe.canBeConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	private static String key(String user) {
		return (user.length() > MAX_KEY_LENGTH) ? user.substring(0, MAX_KEY_LENGTH) : user;
	}

	private static Bandwidth bandwidth(int failures, Duration period) {
		return Bandwidth.builder().capacity(failures).refillGreedy(failures, period).build();
	}

	private static Bucket bucket(Bandwidth bandwidth) {
		return Bucket.builder().addLimit(bandwidth).build();
	}

	private static Cache<String, Bucket> cache(LoginLimitProperties limits) {
		return Caffeine.newBuilder().maximumSize(limits.maxTracked()).expireAfterAccess(limits.period()).build();
	}

}
