package io.blockingbridge.sample.security;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link RecentLogins} in front of Spring Security's real user-details check with bcrypt: how many
 * bcrypt checks each login costs.
 */
class RecentLoginsTests {

	private final AtomicInteger checks = new AtomicInteger();

	private final RecentLogins logins = logins(Duration.ofMinutes(1));

	@Test
	void theSameCredentialsAreCheckedOnce() {
		Authentication first = login("ada", "ada-password");
		Authentication second = login("ada", "ada-password");
		assertThat(first.isAuthenticated()).isTrue();
		assertThat(second.getName()).isEqualTo("ada");
		assertThat(this.checks).hasValue(1);
	}

	@Test
	void wrongPasswordsAreAlwaysChecked() {
		login("ada", "ada-password");
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> login("ada", "guess"));
		}
		assertThat(this.checks).hasValue(3);
	}

	@Test
	void anotherPasswordForARememberedUserIsChecked() {
		login("ada", "ada-password");
		assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> login("ada", "ada-password "));
		assertThat(this.checks).hasValue(2);
	}

	@Test
	void withoutMemoryEveryLoginIsChecked() {
		RecentLogins forgetful = logins(Duration.ZERO);
		forgetful.authenticate(token("ada", "ada-password")).block();
		forgetful.authenticate(token("ada", "ada-password")).block();
		assertThat(this.checks).hasValue(2);
	}

	private Authentication login(String name, String password) {
		return this.logins.authenticate(token(name, password)).block();
	}

	private static UsernamePasswordAuthenticationToken token(String name, String password) {
		return UsernamePasswordAuthenticationToken.unauthenticated(name, password);
	}

	private RecentLogins logins(Duration memory) {
		BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
		PasswordEncoder counting = new PasswordEncoder() {

			@Override
			public String encode(CharSequence raw) {
				return bcrypt.encode(raw);
			}

			@Override
			public boolean matches(CharSequence raw, String encoded) {
				RecentLoginsTests.this.checks.incrementAndGet();
				return bcrypt.matches(raw, encoded);
			}

		};
		MapReactiveUserDetailsService users = new MapReactiveUserDetailsService(
				User.withUsername("ada").password(bcrypt.encode("ada-password")).roles("CUSTOMER").build());
		UserDetailsRepositoryReactiveAuthenticationManager check = new UserDetailsRepositoryReactiveAuthenticationManager(
				users);
		check.setPasswordEncoder(counting);
		return new RecentLogins(check, memory, 100);
	}

}
