package io.blockingbridge.web;

import java.util.function.Function;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeSettings;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
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
 * await cancelled. The admission limit ({@code bridge.web.max-concurrent-requests}) counts these
 * requests with the blocking-style controller methods; a request it refuses is answered with a plain
 * {@code 503} {@link ServerResponse} carrying a problem detail. The scope's time limit is the
 * {@code bridge.timeout} of the application context serving the request (docs/bridge.md, "Time
 * limits"). {@link BlockingStyleExchange#current()}
 * returns the request's exchange inside the function, and {@code LocaleContextHolder} its locale.
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
		return (request) -> {
			BlockingStyleAdmission admission = request.exchange().getAttribute(BlockingStyleAdmission.ATTRIBUTE);
			if (admission == null) {
				return handle(function, request);
			}
			int bodyLimit = BlockingStyleRequestBody.limit(request.messageReaders());
			if (!BlockingStyleRequestBody.readsAhead(request.exchange().getRequest(), bodyLimit)) {
				return admit(admission, function, request);
			}
			return BlockingStyleRequestBody.readAhead(request.exchange().getRequest(), bodyLimit)
				.flatMap((read) -> admit(admission, function, ServerRequest.from(request).body(read.getBody()).build()));
		};
	}

	private static <T extends ServerResponse> Mono<T> admit(BlockingStyleAdmission admission,
			BlockingHandlerFunction<T> function, ServerRequest request) {
		return admission.admit(() -> handle(function, request), () -> refusal(admission));
	}

	private static <T extends ServerResponse> Mono<T> handle(BlockingHandlerFunction<T> function, ServerRequest request) {
		return Bridge.spawn(() -> {
			try (BlockingStyleExchange.LocaleBinding locale = BlockingStyleExchange.bindLocale(Bridge.context())) {
				return function.handle(request);
			}
		}, settings(request)).flatMap(Function.identity()).contextWrite(BlockingStyleExchange.bind(request.exchange()));
	}

	/** The settings of the application context that serves the request, if it runs with the bridge. */
	private static @Nullable BridgeSettings settings(ServerRequest request) {
		ApplicationContext application = request.exchange().getApplicationContext();
		return (application != null) ? BridgeSettings.registeredFor(application) : null;
	}

	@SuppressWarnings("unchecked")
	private static <T extends ServerResponse> Mono<T> refusal(BlockingStyleAdmission admission) {
		return (Mono<T>) ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
			.headers((headers) -> headers.addAll(admission.refusalHeaders()))
			.bodyValue(admission.problemDetail());
	}

}
