package io.blockingbridge.sample.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.blockingbridge.sample.kitchen.KitchenClient;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * The kitchen's internal credential (user {@code kitchen}, {@code kitchen.password}), which the
 * order flow sends with every kitchen call. It is a configured secret, not a user's password, so it
 * is compared in constant time instead of with a password hash: a bcrypt check per internal call
 * would cost each order tens of milliseconds of CPU.
 */
final class KitchenCredential {

	private final byte[] digest;

	KitchenCredential(String password) {
		this.digest = sha256(password);
	}

	static boolean isKitchen(String user) {
		return KitchenClient.KITCHEN_USER.equals(user);
	}

	/** Whether the password is the kitchen's (comparing digests, so lengths do not show either). */
	boolean matches(String password) {
		return MessageDigest.isEqual(this.digest, sha256(password));
	}

	static Authentication authentication() {
		return UsernamePasswordAuthenticationToken.authenticated(KitchenClient.KITCHEN_USER, null,
				AuthorityUtils.createAuthorityList("ROLE_" + Roles.KITCHEN));
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
