package io.blockingbridge.sample.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.blockingbridge.core.BridgeSettings;
import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.blockingbridge.sample.kitchen.KitchenProperties;
import io.blockingbridge.sample.web.ProblemResponses;
import io.blockingbridge.security.BlockingUserDetailsServiceAdapter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * The sample's security: a stateless HTTP Basic API.
 * <ul>
 * <li>{@code /orders/**} and {@code /ws/notifications}: a customer;</li>
 * <li>{@code /kitchen/**}: the kitchen's credential (user {@code kitchen}, {@code kitchen.password}),
 * which the order flow sends;</li>
 * <li>{@code /admin/**}: any logged-in user here; the service methods behind it say who may call
 * them ({@code @PreAuthorize}, checked on blocking methods thanks to the bridge);</li>
 * <li>{@code /customers}: everyone (the names of who may order, nothing else; also what the
 * reliability suite polls to see that the application is up);</li>
 * <li>{@code /} and {@code /page/**}: everyone (the browser page, which logs in with the API's own
 * HTTP Basic);</li>
 * <li>{@code /ws/notifications} also takes a ticket ({@code ?ticket=}, from {@code POST /ws/tickets})
 * instead of HTTP Basic, because browsers cannot send credentials with a WebSocket handshake: see
 * {@link WebSocketTickets};</li>
 * <li>{@code /actuator/**} (health, metrics and the bridge's live view of blocked requests): the
 * administrator;</li>
 * <li>{@code /courier/quotes}: everyone (a courier's quote changes nothing).</li>
 * </ul>
 * Every HTTP Basic login passes {@link GuardedLogins} first: the kitchen's credential is compared
 * without a password hash, and a user name or client address with too many recent failures is
 * answered {@code 429} before any hash is checked ({@code sample.security.login-limits.*}, see
 * {@link FailedLogins}); once locked out, such logins are answered before the filter chain runs, and
 * their connection is closed ({@link LockedOutLogins}). Unknown users cost a hash check like known
 * ones ({@link EqualTimeUsers}).
 * The WebSocket handshake is refused from other sites' pages ({@link WebSocketOrigins},
 * {@code sample.security.allowed-origins}).
 * <p>
 * Successful logins are remembered for {@code sample.security.login-memory} (default 60 s, 0 turns it
 * off), see {@link RecentLogins}: a client that sends its credentials with every request pays one
 * bcrypt check a minute, not one per request. Failures are never remembered, and the failed-login
 * limits come first.
 * <p>
 * CSRF protection is off: it defends browsers' cookie-based sessions, and this API has none: every
 * request carries its credentials in the {@code Authorization} header, nothing is kept in a session,
 * and no cookie is set.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableReactiveMethodSecurity
class SecurityConfiguration {

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, SecurityProblems problems,
			GuardedLogins logins, WebSocketTickets tickets, ReactiveUserDetailsService users,
			@Value("${sample.security.allowed-origins:}") List<String> allowedOrigins) {
		return http
			.authenticationManager(logins)
			.addFilterBefore(new ClientAddress(), SecurityWebFiltersOrder.HTTP_BASIC)
			.addFilterBefore(new WebSocketOrigins(allowedOrigins, problems), SecurityWebFiltersOrder.HTTP_BASIC)
			.authorizeExchange((exchanges) -> exchanges
				.pathMatchers("/customers", "/courier/quotes", "/", "/index.html", "/page/**")
				.permitAll()
				.pathMatchers("/kitchen/**")
				.hasRole(Roles.KITCHEN)
				.pathMatchers("/orders", "/orders/**", "/ws/notifications", "/ws/tickets")
				.hasRole(Roles.CUSTOMER)
				.pathMatchers("/actuator", "/actuator/**")
				.hasRole(Roles.ADMIN)
				.anyExchange()
				.authenticated())
			.addFilterAt(WebSocketTicketAuthentication.filter(tickets, users, problems),
					SecurityWebFiltersOrder.HTTP_BASIC)
			.httpBasic((basic) -> basic.authenticationEntryPoint(problems))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.build();
	}

	@Bean
	GuardedLogins guardedLogins(SampleUsers users, PasswordEncoder passwordEncoder,
			@Value("${sample.security.login-memory:60s}") Duration ttl, FailedLogins failures,
			KitchenCredential kitchen, BridgeSettings settings) {
		UserDetailsRepositoryReactiveAuthenticationManager check = new UserDetailsRepositoryReactiveAuthenticationManager(
				new BlockingUserDetailsServiceAdapter(new EqualTimeUsers(users, passwordEncoder), settings));
		check.setPasswordEncoder(passwordEncoder);
		return new GuardedLogins(new RecentLogins(check, ttl, 10_000), failures, kitchen);
	}

	@Bean
	FailedLogins failedLogins(LoginLimitProperties limits) {
		return new FailedLogins(limits);
	}

	@Bean
	KitchenCredential kitchenCredential(KitchenProperties kitchen) {
		return new KitchenCredential(kitchen.password());
	}

	/** Refuses locked-out logins before Spring Security's filter chain (a WebFilter of its own). */
	@Bean
	LockedOutLogins lockedOutLogins(FailedLogins failures, KitchenCredential kitchen, SecurityProblems problems) {
		return new LockedOutLogins(failures, kitchen, problems);
	}

	@Bean
	WebSocketTickets webSocketTickets(@Value("${sample.security.ticket-secret}") String secret,
			@Value("${sample.security.ticket-lifetime:60s}") Duration lifetime) {
		return new WebSocketTickets(secret, lifetime, Clock.systemUTC());
	}

	@Bean
	SecurityProblems securityProblems(ProblemResponses responses) {
		return new SecurityProblems(responses);
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	SampleUsers sampleUsers(BlockingDatabaseClient database, KitchenProperties kitchen, PasswordEncoder passwordEncoder) {
		return new SampleUsers(database, kitchen, passwordEncoder);
	}

}
