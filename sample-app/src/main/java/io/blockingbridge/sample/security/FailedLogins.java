package io.blockingbridge.sample.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import org.jspecify.annotations.Nullable;

/**
 * Counts failed logins per user name and per client address, and says when either has failed too
 * often: a Bucket4j token bucket of {@code failuresPerUser} (or {@code failuresPerAddress}) tokens
 * refilled evenly over {@code period}, one token per failure. A login is refused while either
 * bucket is empty; successful logins take no token (see {@link #begin} for the tokens lent during
 * a check).
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
	 * Start a login: refused if its user name or address has failed too often. A name or address
	 * with recent failures (a bucket exists) lends a token for the time of the password check, given
	 * back if the login succeeds, so that many guesses at once cannot all pass this test before the
	 * first of them fails; names and addresses without failures lend nothing, so any number of
	 * successful logins may run at once.
	 * @param user the user name the login presents
	 * @param address the client's address
	 * @return the attempt, to be told how the check ended
	 * @throws TooManyFailedLoginsException if the login must not be checked
	 */
	Attempt begin(String user, String address) {
		Bucket userBucket = this.users.getIfPresent(key(user));
		Bucket addressBucket = this.addresses.getIfPresent(address);
		ConsumptionProbe forUser = take(userBucket);
		if (!forUser.isConsumed()) {
			throw new TooManyFailedLoginsException(Duration.ofNanos(forUser.getNanosToWaitForRefill()));
		}
		ConsumptionProbe forAddress = take(addressBucket);
		if (!forAddress.isConsumed()) {
			returnToken(userBucket);
			throw new TooManyFailedLoginsException(Duration.ofNanos(forAddress.getNanosToWaitForRefill()));
		}
		return new Attempt(user, address, userBucket, addressBucket);
	}

	/**
	 * Whether a login would be refused now, without taking a token: what {@link #begin} would
	 * answer, for refusing a login before any other work ({@link LockedOutLogins}). {@link #begin}
	 * still decides for the logins this lets through.
	 * @param user the user name the login presents
	 * @param address the client's address
	 * @return how long to wait if either the name or the address is locked out, else {@code null}
	 */
	@Nullable Duration refusal(String user, String address) {
		long wait = Math.max(waitNanos(this.users.getIfPresent(key(user))),
				waitNanos(this.addresses.getIfPresent(address)));
		return (wait > 0) ? Duration.ofNanos(wait) : null;
	}

	private static long waitNanos(@Nullable Bucket bucket) {
		if (bucket == null) {
			return 0;
		}
		EstimationProbe probe = bucket.estimateAbilityToConsume(1);
		return probe.canBeConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
	}

	private static ConsumptionProbe take(Bucket bucket) {
		return (bucket != null) ? bucket.tryConsumeAndReturnRemaining(1) : ConsumptionProbe.consumed(1, 0);
	}

	private static void returnToken(Bucket bucket) {
		if (bucket != null) {
			bucket.addTokens(1);
		}
	}

	/** A login between {@link #begin} and the end of its password check. */
	final class Attempt {

		private final String user;

		private final String address;

		private final Bucket userBucket;

		private final Bucket addressBucket;

		private Attempt(String user, String address, Bucket userBucket, Bucket addressBucket) {
			this.user = user;
			this.address = address;
			this.userBucket = userBucket;
			this.addressBucket = addressBucket;
		}

		/** The password was right (or not checked): the lent tokens go back. */
		void giveBack() {
			returnToken(this.userBucket);
			returnToken(this.addressBucket);
		}

		/** The login failed: it keeps the lent tokens, and takes one where none was lent. */
		void failed() {
			if (this.userBucket == null) {
				FailedLogins.this.users.get(key(this.user), (key) -> bucket(FailedLogins.this.perUser)).tryConsume(1);
			}
			if (this.addressBucket == null) {
				FailedLogins.this.addresses.get(this.address, (key) -> bucket(FailedLogins.this.perAddress))
					.tryConsume(1);
			}
		}

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
