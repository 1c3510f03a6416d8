package io.blockingbridge.web;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A WebFlux handler function written in blocking style; adapt it with {@link BlockingHandlers#of}.
 * It runs on a virtual thread in a bridge scope with the request's context, so it may await reactive
 * I/O. It returns the response the {@link ServerResponse} builders produce; the body is written
 * without blocking after it returns.
 *
 * @param <T> the type of the response
 */
@FunctionalInterface
public interface BlockingHandlerFunction<T extends ServerResponse> {

	/**
	 * Handle the given request.
	 * @param request the request
	 * @return the response, as the {@link ServerResponse} builders produce it
	 * @throws Exception to fail the request, handled like an exception of any handler function
	 */
	Mono<T> handle(ServerRequest request) throws Exception;

}
