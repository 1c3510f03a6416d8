package io.blockingbridge.sample.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Short-lived tickets that let a browser open the notification WebSocket: a browser cannot send an
 * {@code Authorization} header with a WebSocket handshake, so the page asks for a ticket with its
 * HTTP Basic credentials ({@code POST /ws/tickets}) and passes it as {@code ?ticket=} in the
 * WebSocket URL.
 * <p>
 * A ticket is {@code <user>.<expiry>.<signature>}: the user's name (Base64 URL), the second it
 * expires and an HMAC-SHA256 of both with {@code sample.security.ticket-secret}. Nothing is stored,
 * so every instance that shares the secret accepts the tickets of the others. A ticket may be used
 * until it expires ({@code sample.security.ticket-lifetime}); the user's account is checked again
 * when it is used.
 */
public final class WebSocketTickets {

	private static final String ALGORITHM = "HmacSHA256";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final SecretKeySpec key;

	private final Duration lifetime;

	private final Clock clock;

	WebSocketTickets(String secret, Duration lifetime, Clock clock) {
		if (secret.length() < 16) {
			throw new IllegalArgumentException(
					"sample.security.ticket-secret must be at least 16 characters long; set a random value.");
		}
		if (lifetime.isNegative() || lifetime.isZero()) {
			throw new IllegalArgumentException("sample.security.ticket-lifetime must be positive, but was " + lifetime);
		}
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
		this.lifetime = lifetime;
		this.clock = clock;
	}

	/** How long a ticket is valid. */
	Duration lifetime() {
		return this.lifetime;
	}

	/**
	 * Issue a ticket for the given user.
	 * @param user the logged-in user's name
	 * @return the ticket
	 */
	String issue(String user) {
		long expires = this.clock.instant().plus(this.lifetime).getEpochSecond();
		String claims = ENCODER.encodeToString(user.getBytes(StandardCharsets.UTF_8)) + "." + expires;
		return claims + "." + ENCODER.encodeToString(sign(claims));
	}

	/**
	 * The user of a valid, unexpired ticket.
	 * @param ticket the ticket as received
	 * @return the user's name, or {@code null} if the ticket is malformed, forged or expired
	 */
	public @Nullable String userOf(String ticket) {
		String[] parts = ticket.split("\\.", -1);
		if (parts.length != 3) {
			return null;
		}
		try {
			byte[] signature = DECODER.decode(parts[2]);
			if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
				return null;
			}
			if (Long.parseLong(parts[1]) < this.clock.instant().getEpochSecond()) {
				return null;
			}
			return new String(DECODER.decode(parts[0]), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) { // bad Base64 or number
			return null;
		}
	}

	private byte[] sign(String claims) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac.doFinal(claims.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
