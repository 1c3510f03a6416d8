package io.blockingbridge.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

/**
 * The seam between blocking-style WebSocket handlers ({@code io.blockingbridge.websocket}) and the
 * runner of blocking-style requests: WebFlux does not hand the handshake's exchange (nor its Reactor
 * Context) to a {@code WebSocketHandler}, so the {@link #filter(int) filter} keeps both for every
 * WebSocket upgrade request, keyed by the request's log prefix (which {@link HandshakeInfo#getLogPrefix()}
 * carries), until the handler {@link #run runs}. Sessions are not counted by the request admission
 * limit ({@code bridge.web.max-concurrent-requests}) but by their own ({@code bridge.websocket.max-sessions}).
 * Not meant to be called by applications.
 */
public final class BlockingStyleHandshakes {

	private static final Map<String, Handshake> HANDSHAKES = new ConcurrentHashMap<>();

	private BlockingStyleHandshakes() {
	}

	/**
	 * Return the filter that keeps the exchange and the Reactor Context of each WebSocket upgrade
	 * request for the blocking-style WebSocket handler it reaches. The auto-configuration registers it.
	 * @param maxSessions the most blocking-style WebSocket sessions open at once, 0 for no limit
	 * @return the filter
	 */
	public static WebFilter filter(int maxSessions) {
		@Nullable Semaphore limit = (maxSessions > 0) ? new Semaphore(maxSessions) : null;
		return (exchange, chain) -> {
			if (!"websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())) {
				return chain.filter(exchange);
			}
			String key = exchange.getLogPrefix();
			return Mono.deferContextual((context) -> {
				Handshake handshake = new Handshake(exchange, context, limit);
				HANDSHAKES.put(key, handshake);
				// an upgrade whose handler is not a blocking-style one (a reactive WebSocketHandler)
				// never takes its entry: it goes with the connection
				ResponseConnection connection = ResponseConnection.of(exchange);
				if (connection != null) {
					connection.onClose(() -> HANDSHAKES.remove(key, handshake));
				}
				return chain.filter(exchange).doFinally((signal) -> {
					if (exchange.getResponse().getStatusCode() != HttpStatus.SWITCHING_PROTOCOLS) {
						HANDSHAKES.remove(key, handshake);
					}
				});
			});
		};
	}

	/**
	 * Run the work of a WebSocket session on a virtual thread of its own through the runner of
	 * blocking-style requests, with the handshake's exchange and Reactor Context.
	 * @param handshake the session's handshake
	 * @param name what serves the session, as the live view names it ({@code WS /path})
	 * @param work the work, subscribed to on the session's thread
	 * @param refused what to answer when {@code bridge.websocket.max-sessions} sessions are open
	 * @return the work's outcome, or the refusal's
	 * @throws IllegalStateException when the handshake did not pass the {@link #filter(int) filter}
	 */
	public static Mono<Void> run(HandshakeInfo handshake, String name, Mono<Void> work, Mono<Void> refused) {
		Handshake found = HANDSHAKES.remove(handshake.getLogPrefix());
		if (found == null) {
			throw new IllegalStateException("No handshake exchange for WebSocket session " + handshake.getLogPrefix()
					+ ": blocking-style WebSocket handlers need the bridge's auto-configuration, or register "
					+ "BlockingStyleHandshakes.filter(maxSessions) as a WebFilter bean");
		}
		if (found.limit != null && !found.limit.tryAcquire()) {
			return refused;
		}
		BlockingStyleRunner runner = BlockingStyleRunner.of(found.exchange);
		Mono<Void> session = runner.run(found.exchange, name, work)
			.contextWrite((context) -> context.putAll(found.context));
		return (found.limit != null) ? session.doFinally((signal) -> found.limit.release()) : session;
	}

	/** The number of handshakes kept, for tests. */
	static int kept() {
		return HANDSHAKES.size();
	}

	private record Handshake(ServerWebExchange exchange, ContextView context, @Nullable Semaphore limit) {
	}

}
