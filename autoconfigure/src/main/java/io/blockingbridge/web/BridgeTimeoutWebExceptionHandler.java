package io.blockingbridge.web;

import io.blockingbridge.core.BridgeTimeoutException;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Answers a {@link BridgeTimeoutException} that no {@code @ExceptionHandler} handled with
 * {@code 504 Gateway Timeout}: the I/O the request waited on did not answer in time. It passes the
 * failure on as a {@link ResponseStatusException} (with the timeout as its cause) to the handlers
 * after it, so that Spring Boot's error handling renders the answer as it renders any other error.
 * Ordered right before Spring Boot's {@code ErrorWebExceptionHandler}.
 */
public final class BridgeTimeoutWebExceptionHandler implements WebExceptionHandler, Ordered {

	/** The order of this handler: right before Spring Boot's error handler ({@code -2}). */
	public static final int ORDER = -3;

	/**
	 * Create the handler; the bridge's auto-configuration does when the bridge is on.
	 */
	public BridgeTimeoutWebExceptionHandler() {
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (ex instanceof BridgeTimeoutException timeout) {
			return Mono.error(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, timeout.getMessage(), timeout));
		}
		return Mono.error(ex);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
