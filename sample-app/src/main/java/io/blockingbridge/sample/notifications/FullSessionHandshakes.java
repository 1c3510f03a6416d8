package io.blockingbridge.sample.notifications;

import io.blockingbridge.sample.security.WebSocketTickets;
import io.blockingbridge.sample.web.ProblemResponses;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses a notification handshake with a ticket ({@code GET /ws/notifications?ticket=...}) whose
 * customer already has as many sessions as allowed, or when the instance has, before anything else
 * runs: the same {@code 429}/{@code 503} with {@code Connection: close} that the endpoint answers
 * ({@link SessionLimitException}), but without the filter chain, the user look-up in the database
 * and the handler mapping, so that a client opening sessions as fast as it can with one ticket
 * costs the server little per attempt. The ticket's signature names the customer (a forged or
 * expired ticket goes on, and is answered {@code 401} by the security filter chain); handshakes
 * from another site's page go on too, to be answered by the origin check.
 */
@Component
class FullSessionHandshakes implements WebFilter, Ordered {

	private static final String PATH = "/ws/notifications";

	private static final String TICKET = "ticket";

	private final NotificationSessions sessions;

	private final WebSocketTickets tickets;

	private final ProblemResponses responses;

	FullSessionHandshakes(NotificationSessions sessions, WebSocketTickets tickets, ProblemResponses responses) {
		this.sessions = sessions;
		this.tickets = tickets;
		this.responses = responses;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getMethod() != HttpMethod.GET || !PATH.equals(request.getPath().pathWithinApplication().value())
				|| CorsUtils.isCorsRequest(request)) {
			return chain.filter(exchange);
		}
		String ticket = request.getQueryParams().getFirst(TICKET);
		String customer = (ticket != null) ? this.tickets.userOf(ticket) : null;
		SessionLimitException refusal = (customer != null) ? this.sessions.refusal(customer) : null;
		if (refusal == null) {
			return chain.filter(exchange);
		}
		exchange.getResponse().getHeaders().putAll(refusal.getHeaders());
		return this.responses.write(exchange, refusal.getBody());
	}

}
