package io.blockingbridge.sample.security;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Authenticates the WebSocket handshake {@code GET /ws/notifications?ticket=...} with a ticket of
 * {@link WebSocketTickets}. A request without the parameter goes on to HTTP Basic as before; a
 * request with a bad or expired ticket is answered {@code 401}.
 */
final class WebSocketTicketAuthentication {

	static final String PARAMETER = "ticket";

	private WebSocketTicketAuthentication() {
	}

	static AuthenticationWebFilter filter(WebSocketTickets tickets, ReactiveUserDetailsService users,
			SecurityProblems problems) {
		AuthenticationWebFilter filter = new AuthenticationWebFilter(manager(tickets, users));
		ServerWebExchangeMatcher handshake = ServerWebExchangeMatchers.pathMatchers("/ws/notifications");
		filter.setRequiresAuthenticationMatcher((exchange) -> handshake.matches(exchange)
			.filter((match) -> match.isMatch() && exchange.getRequest().getQueryParams().containsKey(PARAMETER))
			.switchIfEmpty(ServerWebExchangeMatcher.MatchResult.notMatch()));
		filter.setServerAuthenticationConverter((exchange) -> Mono.justOrEmpty(
				exchange.getRequest().getQueryParams().getFirst(PARAMETER))
			.map((ticket) -> UsernamePasswordAuthenticationToken.unauthenticated(null, ticket)));
		filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(problems));
		return filter;
	}

	private static ReactiveAuthenticationManager manager(WebSocketTickets tickets, ReactiveUserDetailsService users) {
		return (authentication) -> {
			String user = tickets.userOf(String.valueOf(authentication.getCredentials()));
			if (user == null) {
				return Mono.error(new BadCredentialsException("The WebSocket ticket is invalid or expired."));
			}
			return users.findByUsername(user)
				.filter((details) -> details.isEnabled() && details.isAccountNonLocked()
						&& details.isAccountNonExpired())
				.switchIfEmpty(Mono.error(new BadCredentialsException("The ticket's user may no longer log in.")))
				.map((details) -> (Authentication) UsernamePasswordAuthenticationToken.authenticated(details, null,
						details.getAuthorities()));
		};
	}

}
