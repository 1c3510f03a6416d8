package io.blockingbridge.autoconfigure;

import java.nio.charset.StandardCharsets;

import io.blockingbridge.web.BlockingStyleExchange;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers the refusals of method security in blocking-style requests the way the application's
 * security answers refusals: an {@link AccessDeniedException} for an authenticated caller becomes a
 * {@code 403 Forbidden} problem detail; one for a caller without authentication, and an
 * {@link AuthenticationCredentialsNotFoundException} (what Spring Security's imperative interceptors
 * throw when {@code SecurityContextHolder} holds no authentication), go to Spring Security's
 * {@code ExceptionTranslationWebFilter} as an {@code AccessDeniedException}, whose authentication
 * entry point answers {@code 401} (with the {@code WWW-Authenticate} challenge of HTTP Basic, for
 * example). Errors of requests not handled in blocking style are passed on unchanged, so reactive
 * endpoints keep Spring Security's behaviour. Runs inside Spring Security's filter chain, right after
 * {@code WebFilterChainProxy}.
 */
final class BlockingAccessDeniedWebFilter implements WebFilter, Ordered {

	/** The order of this filter: right after Spring Security's {@code WebFilterChainProxy}. */
	static final int ORDER = -91;

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return chain.filter(exchange).onErrorResume((ex) -> BlockingStyleExchange.isBlockingStyle(exchange)
				&& (ex instanceof AccessDeniedException || ex instanceof AuthenticationCredentialsNotFoundException),
				(ex) -> refuse(exchange, ex));
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	private Mono<Void> refuse(ServerWebExchange exchange, Throwable ex) {
		if (ex instanceof AuthenticationCredentialsNotFoundException) {
			return Mono.error(new AccessDeniedException("Authentication is required to access this resource", ex));
		}
		// hasElement, not flatMap(..).switchIfEmpty(..): writing the 403 completes empty, which must not
		// pass the refusal on to Spring Security's handler as well (it would write a second answer).
		return exchange.getPrincipal()
			.hasElement()
			.flatMap((authenticated) -> authenticated
					? forbidden(exchange.getResponse(), exchange.getRequest().getPath().value()) : Mono.error(ex));
	}

	private Mono<Void> forbidden(ServerHttpResponse response, String path) {
		if (response.isCommitted()) {
			return Mono.error(new IllegalStateException("Access denied after the response was committed"));
		}
		response.setStatusCode(HttpStatus.FORBIDDEN);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		String body = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
				+ "\"detail\":\"Access Denied\",\"instance\":\"" + escape(path) + "\"}";
		DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(buffer));
	}

	private static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				escaped.append('\\').append(c);
			}
			else if (c < 0x20) {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
