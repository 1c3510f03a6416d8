package io.blockingbridge.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeScope;
import io.blockingbridge.web.BlockingStyle;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.WebFilter;

/**
 * A reactive application whose users come from a blocking {@link UserDetailsService} (which also
 * stores upgraded password hashes), with no reactive user service of its own: HTTP Basic checks
 * passwords through the bridge's adapter.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableWebFluxSecurity
class UserDetailsTestApplication {

	/** The Reactor Context key a web filter puts the {@code X-Tenant} header under. */
	static final String TENANT = "tenant";

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
			.httpBasic((basic) -> {
			})
			.build();
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	WebFilter tenantFilter() {
		return (exchange, chain) -> {
			String tenant = exchange.getRequest().getHeaders().getFirst("X-Tenant");
			return (tenant != null) ? chain.filter(exchange).contextWrite((context) -> context.put(TENANT, tenant))
					: chain.filter(exchange);
		};
	}

	@Bean
	StoredUsers storedUsers() {
		return new StoredUsers();
	}

	/** Registered as a member class of the application. */
	@RestController
	static class MeController {

		@BlockingStyle
		@GetMapping("/me")
		String me(java.security.Principal principal) {
			return principal.getName();
		}

	}

	/** Where a call of the blocking services ran. */
	record Call(String what, boolean virtualThread, boolean inScope, Object tenant) {
	}

	/**
	 * Users in a map, looked up the way a blocking database call would be: each look-up awaits a
	 * publisher that completes later, which only works on a thread that may block.
	 */
	static final class StoredUsers implements UserDetailsService, UserDetailsPasswordService {

		final Map<String, String> hashes = new ConcurrentHashMap<>(Map.of("ada", "{noop}secret", "grace", "{noop}secret"));

		final List<Call> calls = new CopyOnWriteArrayList<>();

		@Override
		public UserDetails loadUserByUsername(String username) {
			record("load " + username);
			Bridge.await(Mono.delay(Duration.ofMillis(20)));
			String hash = this.hashes.get(username);
			if (hash == null) {
				throw new UsernameNotFoundException("No user " + username);
			}
			return User.withUsername(username).password(hash).roles("USER").build();
		}

		@Override
		public UserDetails updatePassword(UserDetails user, String newPassword) {
			record("update " + user.getUsername());
			Bridge.await(Mono.delay(Duration.ofMillis(20)));
			this.hashes.put(user.getUsername(), newPassword);
			return User.withUserDetails(user).password(newPassword).build();
		}

		private void record(String what) {
			this.calls.add(new Call(what, Thread.currentThread().isVirtual(), BridgeScope.current() != null,
					Bridge.context().getOrDefault(TENANT, "none")));
		}

	}

}
