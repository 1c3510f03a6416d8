package io.blockingbridge.web;

import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.util.pattern.PathPattern;

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
 * Each request runs through the same runner as a {@link BlockingStyle @BlockingStyle} controller
 * method: a virtual thread of its own named after the request ({@code bridge-request-17 GET /orders/7}),
 * inside a bridge scope holding the request's Reactor Context and the {@code bridge.timeout} of the
 * application context serving the request (docs/bridge.md, "Time limits"); when the client goes away
 * the thread is interrupted and its in-flight await cancelled. The request is listed in the live view
 * ({@code /actuator/bridge}) and timed in the {@code bridge.requests} metrics, named after its route
 * pattern and HTTP method, such as {@code GET /orders/{id}} ({@code GET (functional endpoint)} when the
 * route has no path pattern). The admission limit ({@code bridge.web.max-concurrent-requests}) counts
 * these requests with the controller methods; a request it refuses is answered with a plain
 * {@code 503} {@link ServerResponse} carrying a problem detail. {@link BlockingStyleExchange#current()}
 * returns the request's exchange inside the function, and {@code LocaleContextHolder} its locale.
 * <p>
 * A response whose body is a {@link java.util.stream.Stream}, built with
 * {@code ServerResponse.ok().contentType(MediaType.APPLICATION_NDJSON).bodyValue(stream)}, is streamed
 * like the {@code Stream} a controller method returns: its elements are pulled on the request's
 * thread only as fast as the client takes them, the stream is closed when it ends, fails or the client
 * goes away, and a client that takes nothing for {@code bridge.web.stream-stall-timeout} is given up.
 * An exception up to the first element fails the request like an exception of the function.
 * <p>
 * The settings (registry, metrics, stall timeout, admission limit) are those of the application's
 * {@link BlockingStyleHandlerAdapter}, which the auto-configuration hands to functional endpoints with
 * the filter of {@link #runnerFilter(BlockingStyleHandlerAdapter)}; without it (the bridge's
 * auto-configuration off) a function still runs on its own virtual thread, with the application's
 * registered {@code bridge.timeout} if any, but is not observed.
 */
public final class BlockingHandlers {

	/** Brings the answer of a function back to its request's thread, wherever it completed. */
	private static final BlockingStyleScheduler REQUEST_THREAD = new BlockingStyleScheduler(null);

	private BlockingHandlers() {
	}

	/**
	 * Adapt the given blocking-style function to a WebFlux handler function.
	 * @param <T> the type of the response
	 * @param function the blocking-style function
	 * @return a handler function that runs it on a virtual thread per request
	 */
	public static <T extends ServerResponse> HandlerFunction<T> of(BlockingHandlerFunction<T> function) {
		return (request) -> {
			BlockingStyleRunner runner = BlockingStyleRunner.of(request.exchange());
			return runner.admit(request.exchange(), BlockingStyleRequestBody.limit(request.messageReaders()),
					(admitted) -> handle(runner, function,
							(admitted == request.exchange()) ? request
									: ServerRequest.from(request).body(admitted.getRequest().getBody()).build(),
							admitted),
					BlockingHandlers::refusal);
		};
	}

	/**
	 * Return the filter that hands the given adapter's runner (its registry of requests in flight with
	 * their metrics, its stream stall timeout and admission limit) to the {@link BlockingHandlers}
	 * functions of the application, so that they are observed and limited with its controller methods.
	 * The auto-configuration registers it; register it as a bean wherever a
	 * {@code BlockingStyleHandlerAdapter} is declared by hand.
	 * @param adapter the application's adapter
	 * @return the filter
	 */
	public static WebFilter runnerFilter(BlockingStyleHandlerAdapter adapter) {
		return (exchange, chain) -> {
			exchange.getAttributes().put(BlockingStyleRunner.ATTRIBUTE, adapter.runner());
			return chain.filter(exchange);
		};
	}

	private static <T extends ServerResponse> Mono<T> handle(BlockingStyleRunner runner,
			BlockingHandlerFunction<T> function, ServerRequest request, ServerWebExchange exchange) {
		Mono<T> handling = Mono.fromCallable(() -> function.handle(request))
			.flatMap(Function.identity())
			.publishOn(REQUEST_THREAD)
			.flatMap((response) -> streamed(response, exchange));
		return runner.run(exchange, handlerName(request), handling);
	}

	@SuppressWarnings("unchecked")
	private static <T extends ServerResponse> Mono<T> streamed(T response, ServerWebExchange exchange) {
		return (Mono<T>) BlockingStyleStream.answer(response, exchange);
	}

	/** The route's name, as the live view and the metrics show it: {@code GET /orders/{id}}. */
	private static String handlerName(ServerRequest request) {
		PathPattern pattern = request.exchange().getAttribute(RouterFunctions.MATCHING_PATTERN_ATTRIBUTE);
		String route = (pattern != null) ? pattern.getPatternString() : "(functional endpoint)";
		return request.method().name() + " " + route;
	}

	@SuppressWarnings("unchecked")
	private static <T extends ServerResponse> Mono<T> refusal(BlockingStyleAdmission admission) {
		return (Mono<T>) ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
			.headers((headers) -> headers.addAll(admission.refusalHeaders()))
			.bodyValue(admission.problemDetail());
	}

}
