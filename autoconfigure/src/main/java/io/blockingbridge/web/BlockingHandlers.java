package io.blockingbridge.web;

import java.util.function.Function;

import io.blockingbridge.core.Bridge;

import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Adapts blocking-style handler functions to WebFlux's functional endpoints.
 * <pre class="code">
 * RouterFunctions.route()
 *     .GET("/orders/{id}", BlockingHandlers.of((request) -&gt; {
 *         Order order = orders.findById(Long.valueOf(request.pathVariable("id"))).orElseThrow();
 *         return ServerResponse.ok().bodyValue(order);
 *     }))
 *     .build();
 * </pre>
 * Each request runs the function on a virtual thread of its own, inside a bridge scope holding the
 * request's Reactor Context; when the client goes away the thread is interrupted and its in-flight
 * await cancelled.
 */
public final class BlockingHandlers {

	private BlockingHandlers() {
	}

	/**
	 * Adapt the given blocking-style function to a WebFlux handler function.
	 * @param <T> the type of the response
	 * @param function the blocking-style function
	 * @return a handler function that runs it on a virtual thread per request
	 */
	public static <T extends ServerResponse> HandlerFunction<T> of(BlockingHandlerFunction<T> function) {
		return (request) -> Bridge.spawn(() -> function.handle(request)).flatMap(Function.identity());
	}

}
