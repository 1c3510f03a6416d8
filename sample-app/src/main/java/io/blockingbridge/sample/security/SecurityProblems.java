package io.blockingbridge.sample.security;

import io.blockingbridge.sample.web.ProblemResponses;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * The answers of the security filter chain as problem details, like every other error of the
 * sample: {@code 401} with the HTTP Basic challenge ({@code WWW-Authenticate: Basic
 * realm="food-delivery"}; not for requests of scripts, {@code X-Requested-With: XMLHttpRequest}) for a
 * request without valid credentials, {@code 429} with {@code Retry-After} and {@code Connection: close}
 * for a login refused after too many failures ({@link FailedLogins}), {@code 403} for a user whose role
 * does not allow the route, {@code 400} for a request that Spring Security's firewall rejects (an
 * encoded NUL in the path, for example).
 */
class SecurityProblems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler, ServerExchangeRejectedHandler {

	/** The HTTP Basic realm. */
	static final String REALM = "food-delivery";

	private final ProblemResponses responses;

	SecurityProblems(ProblemResponses responses) {
		this.responses = responses;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		if (ex instanceof TooManyFailedLoginsException tooMany) {
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(tooMany.retryAfterSeconds()));
			// A client refused for guessing must connect again for its next guess (see LockedOutLogins).
			exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
			return write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins",
					"This user name or this client address failed to log in too often. Check the name and password, and try again in "
							+ tooMany.retryAfterSeconds() + " seconds (Retry-After).");
		}
		if (!fromScript(exchange)) {
			ServerHttpResponse response = exchange.getResponse();
			response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
		}
		return write(exchange, HttpStatus.UNAUTHORIZED, "Authentication required",
				"Log in with HTTP Basic: a customer's name and password (curl -u ada:ada-password ...).");
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		return write(exchange, HttpStatus.FORBIDDEN, "Forbidden",
				"The user you logged in as may not use " + exchange.getRequest().getPath().value() + ".");
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
		return write(exchange, HttpStatus.BAD_REQUEST, "Rejected request",
				"The request was rejected because its URL is not allowed: " + rejected.getMessage());
	}

	/**
	 * Whether a script sent the request ({@code X-Requested-With: XMLHttpRequest}, as the browser page
	 * does): it gets no HTTP Basic challenge, which would make the browser show its own login dialog
	 * over the page's.
	 */
	private static boolean fromScript(ServerWebExchange exchange) {
		return "XMLHttpRequest".equals(exchange.getRequest().getHeaders().getFirst("X-Requested-With"));
	}

	private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return write(exchange, problem);
	}

	Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
		return this.responses.write(exchange, problem);
	}

}
