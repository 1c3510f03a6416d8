package io.blockingbridge.security;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeSettings;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.userdetails.ReactiveUserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;

/**
 * The {@link ReactiveUserDetailsPasswordService} that Spring Security WebFlux asks to store a
 * password hash again after a login whose hash is outdated (the password encoder's
 * {@code upgradeEncoding}), answered by a blocking {@link UserDetailsPasswordService}. Each update
 * runs like a look-up of {@link BlockingUserDetailsServiceAdapter}: through
 * {@link Bridge#spawn(java.util.concurrent.Callable, BridgeSettings)}, on a virtual thread in a bridge
 * scope with the login request's Reactor Context.
 * <p>
 * {@code BlockingSecurityAutoConfiguration} registers one around the application's
 * {@code UserDetailsPasswordService} bean when the application has no
 * {@code ReactiveUserDetailsPasswordService} of its own.
 */
public final class BlockingUserDetailsPasswordServiceAdapter implements ReactiveUserDetailsPasswordService {

	private final UserDetailsPasswordService passwords;

	private final @Nullable BridgeSettings settings;

	/**
	 * Create an adapter whose updates get the time limit in force where they are subscribed.
	 * @param passwords the blocking service that stores new password hashes
	 */
	public BlockingUserDetailsPasswordServiceAdapter(UserDetailsPasswordService passwords) {
		this(passwords, null);
	}

	/**
	 * Create an adapter for an application with the given settings.
	 * @param passwords the blocking service that stores new password hashes
	 * @param settings the settings of the application the updates run for (their time limit), or
	 * {@code null} for none
	 */
	public BlockingUserDetailsPasswordServiceAdapter(UserDetailsPasswordService passwords,
			@Nullable BridgeSettings settings) {
		this.passwords = passwords;
		this.settings = settings;
	}

	@Override
	public Mono<UserDetails> updatePassword(UserDetails user, @Nullable String newPassword) {
		return Bridge.spawn(() -> this.passwords.updatePassword(user, newPassword), this.settings);
	}

}
