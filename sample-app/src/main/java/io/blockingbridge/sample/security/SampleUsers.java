package io.blockingbridge.sample.security;

import java.util.Optional;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.blockingbridge.sample.StorableText;
import io.blockingbridge.sample.kitchen.KitchenClient;
import io.blockingbridge.sample.kitchen.KitchenProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The users that HTTP Basic checks passwords against: customers ({@code sample_customers}, role
 * {@code CUSTOMER}), staff ({@code sample_staff}, their role) and the kitchen's client (user
 * {@code kitchen}, role {@code KITCHEN}, password {@code kitchen.password}).
 * <p>
 * A plain blocking {@link UserDetailsService}, written like the rest of the sample's data access.
 * Spring Security WebFlux asks for users reactively: the bridge's auto-configuration answers it with
 * a {@code BlockingUserDetailsServiceAdapter} around this bean, which runs each look-up on a virtual
 * thread in the login request's bridge scope, so no event loop thread waits for the database.
 * <p>
 * A name that no user can have, because the tables cannot store it (longer than
 * {@value #MAX_NAME_LENGTH} characters, control characters such as NUL, unpaired surrogates), is an
 * unknown user without asking the database: PostgreSQL would refuse a NUL with an error.
 */
class SampleUsers implements UserDetailsService {

	private static final Log logger = LogFactory.getLog(SampleUsers.class);

	/** The length of the {@code name} columns. */
	static final int MAX_NAME_LENGTH = 40;

	private final BlockingDatabaseClient database;

	private final UserDetails kitchen;

	SampleUsers(BlockingDatabaseClient database, KitchenProperties kitchen, PasswordEncoder passwordEncoder) {
		this.database = database;
		this.kitchen = User.withUsername(KitchenClient.KITCHEN_USER)
			.password(passwordEncoder.encode(kitchen.password()))
			.roles(Roles.KITCHEN)
			.build();
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		if (KitchenClient.KITCHEN_USER.equals(username)) {
			return User.withUserDetails(this.kitchen).build();
		}
		if (!isPossibleName(username)) {
			logger.debug("No user can be named like the login's user name (too long or characters the database cannot store)");
			throw new UsernameNotFoundException("No such user");
		}
		return find(username).orElseThrow(() -> new UsernameNotFoundException("No such user"));
	}

	static boolean isPossibleName(String name) {
		if (name.length() > MAX_NAME_LENGTH || !StorableText.Check.isStorable(name)) {
			return false;
		}
		return name.chars().noneMatch(Character::isISOControl);
	}

	private Optional<UserDetails> find(String name) {
		Optional<UserDetails> customer = this.database
			.sql("SELECT password_hash FROM sample_customers WHERE name = :name AND password_hash IS NOT NULL")
			.bind("name", name)
			.mapValue(String.class)
			.one()
			.map((hash) -> User.withUsername(name).password(hash).roles(Roles.CUSTOMER).build());
		if (customer.isPresent()) {
			return customer;
		}
		return this.database.sql("SELECT password_hash, role FROM sample_staff WHERE name = :name")
			.bind("name", name)
			.map((row, metadata) -> User.withUsername(name)
				.password(row.get("password_hash", String.class))
				.roles(row.get("role", String.class))
				.build())
			.one();
	}

}
