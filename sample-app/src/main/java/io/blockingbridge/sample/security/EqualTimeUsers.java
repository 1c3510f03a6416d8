package io.blockingbridge.sample.security;

import java.util.UUID;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The users for the password check, answering an unknown user name with a stand-in whose password
 * hash is of a random password: the check then costs the same as for a real user, so the time of a
 * failed login does not tell whether the account exists (what Spring Security's servlet
 * {@code DaoAuthenticationProvider} does with its {@code userNotFoundEncodedPassword}; the reactive
 * {@code UserDetailsRepositoryReactiveAuthenticationManager} answers unknown users at once). The
 * stand-in's credentials are expired, so even the random password would not log it in.
 * <p>
 * Blocking like the users it wraps; the password check asks it through a
 * {@code BlockingUserDetailsServiceAdapter}.
 */
final class EqualTimeUsers implements UserDetailsService {

	private final UserDetailsService users;

	private final String unknownUserHash;

	EqualTimeUsers(UserDetailsService users, PasswordEncoder passwordEncoder) {
		this.users = users;
		this.unknownUserHash = passwordEncoder.encode(UUID.randomUUID().toString());
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		try {
			return this.users.loadUserByUsername(username);
		}
		catch (UsernameNotFoundException ex) {
			// The stand-in's name is not the presented one, which may be empty (User refuses that).
			return User.withUsername("unknown")
				.password(this.unknownUserHash)
				.authorities(new String[0])
				.credentialsExpired(true)
				.build();
		}
	}

}
