package io.blockingbridge.security;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeSettings;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The {@link ReactiveUserDetailsService} that Spring Security WebFlux asks for users, answered by a
 * blocking {@link UserDetailsService} written like the rest of a blocking-style application (a SQL
 * query through {@code BlockingDatabaseClient}, a repository, an HTTP call).
 * <p>
 * Each look-up runs through {@link Bridge#spawn(java.util.concurrent.Callable, BridgeSettings)}: on a
 * virtual thread of its own, in a bridge scope holding the Reactor Context of the request that logs
 * in (its awaits see the request's context and observation, and get the application's
 * {@code bridge.timeout}), so no event loop thread waits for the database. A client that leaves
 * during the look-up interrupts the thread, which cancels its awaits.
 * <p>
 * {@link UsernameNotFoundException} (the blocking contract for an unknown user) and a {@code null}
 * answer complete the Mono empty, which is the reactive contract for an unknown user: Spring
 * Security's {@code UserDetailsRepositoryReactiveAuthenticationManager} then refuses the login with
 * {@code BadCredentialsException}, as for a wrong password. Any other exception fails the Mono.
 * <p>
 * {@code BlockingSecurityAutoConfiguration} registers one around the application's
 * {@code UserDetailsService} bean when the application has no {@code ReactiveUserDetailsService} of
 * its own; create one by hand to wrap a service that is not a bean.
 */
public final class BlockingUserDetailsServiceAdapter implements ReactiveUserDetailsService {

	private final UserDetailsService users;

	private final @Nullable BridgeSettings settings;

	/**
	 * Create an adapter whose look-ups get the time limit in force where they are subscribed, else
	 * the {@code bridge.timeout} of the only application with the bridge in the JVM.
	 * @param users the blocking service that finds the users
	 */
	public BlockingUserDetailsServiceAdapter(UserDetailsService users) {
		this(users, null);
	}

	/**
	 * Create an adapter for an application with the given settings.
	 * @param users the blocking service that finds the users
	 * @param settings the settings of the application the look-ups run for (their time limit), or
	 * {@code null} for none
	 */
	public BlockingUserDetailsServiceAdapter(UserDetailsService users, @Nullable BridgeSettings settings) {
		this.users = users;
		this.settings = settings;
	}

	/**
	 * Return the blocking service this adapter asks.
	 * @return the service
	 */
	public UserDetailsService getUserDetailsService() {
		return this.users;
	}

	@Override
	public Mono<UserDetails> findByUsername(String username) {
		return Bridge.spawn(() -> {
			try {
				return this.users.loadUserByUsername(username);
			}
			catch (UsernameNotFoundException ex) {
				return null;
			}
		}, this.settings);
	}

}
