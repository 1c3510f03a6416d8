package io.blockingbridge.sample.security;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses the WebSocket handshake {@code GET /ws/notifications} from another site's page. Browsers
 * apply no same-origin rule to WebSockets, so without this check any page a customer visits could
 * open their notifications with a ticket or the browser's remembered HTTP Basic credentials.
 * Allowed: a handshake without {@code Origin} (clients other than browsers), the page's own origin
 * (the request's scheme, host and port), and the origins of {@code sample.security.allowed-origins}
 * (patterns such as {@code https://*.example.com} too). Others get {@code 403} with a problem detail.
 */
final class WebSocketOrigins implements WebFilter {

	static final String PATH = "/ws/notifications";

	private final CorsConfiguration allowed = new CorsConfiguration();

	private final List<String> origins;

	private final SecurityProblems problems;

	WebSocketOrigins(List<String> origins, SecurityProblems problems) {
		this.allowed.setAllowedOriginPatterns(origins);
		this.origins = origins;
		this.problems = problems;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getMethod() != HttpMethod.GET || !PATH.equals(request.getPath().pathWithinApplication().value())
				|| !CorsUtils.isCorsRequest(request)) {
			return chain.filter(exchange);
		}
		String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
		if (this.allowed.checkOrigin(origin) != null) {
			return chain.filter(exchange);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "WebSocket connections from "
				+ origin + " are not allowed: open the page of this application itself, or add the origin to "
				+ "sample.security.allowed-origins (allowed now: " + this.origins + ").");
		problem.setTitle("Origin not allowed");
		return this.problems.write(exchange, problem);
	}

}
