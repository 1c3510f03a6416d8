package io.blockingbridge.websocket;

import io.blockingbridge.core.BridgeInterruptedException;
import io.blockingbridge.web.BlockingStyleHandshakes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;

/**
 * Turns {@link BlockingWebSocketHandler}s into WebFlux {@link WebSocketHandler}s, usable in a
 * {@code SimpleUrlHandlerMapping} or with {@code WebSocketService.handleRequest} from a controller.
 * Each session runs its handler on a virtual thread of its own, listed in the live view as
 * {@code WS /path} while open. Sessions are limited by {@code bridge.websocket.max-sessions} (beyond
 * it a new session is closed with 1013, Try Again Later), not by the request admission limit. A
 * peer that leaves interrupts the handler's thread.
 */
public final class BlockingWebSocketHandlers {

	private static final Log logger = LogFactory.getLog(BlockingWebSocketHandlers.class);

	static final CloseStatus TOO_MANY_SESSIONS = CloseStatus.SERVICE_OVERLOAD
		.withReason("Too many sessions (bridge.websocket.max-sessions), try again later");

	private BlockingWebSocketHandlers() {
	}

	/**
	 * Return a WebFlux handler running the given blocking-style handler for each session.
	 * @param handler the handler
	 * @return the WebFlux handler
	 */
	public static WebSocketHandler of(BlockingWebSocketHandler handler) {
		return (webSocketSession) -> {
			DefaultBlockingWebSocketSession session = new DefaultBlockingWebSocketSession(webSocketSession);
			String name = "WS " + webSocketSession.getHandshakeInfo().getUri().getPath();
			Mono<Void> work = Mono.fromCallable(() -> {
				handler.handle(session);
				return true;
			}).then().onErrorResume((ex) -> !session.isOpen() && (ex instanceof BridgeInterruptedException
					|| ex instanceof WebSocketSessionClosedException), (ex) -> Mono.empty());
			Mono<Void> refused = Mono.defer(() -> webSocketSession.close(TOO_MANY_SESSIONS));
			Mono<Void> handling = Mono
				.defer(() -> BlockingStyleHandshakes.run(webSocketSession.getHandshakeInfo(), name, work, refused))
				.doOnCancel(session::markClosed)
				.takeUntilOther(webSocketSession.closeStatus().materialize().doOnNext((signal) -> session.markClosed()))
				.then(Mono.defer(() -> end(session, CloseStatus.NORMAL)))
				.onErrorResume((ex) -> {
					logger.warn("WebSocket handler of session " + session.getId() + " (" + name
							+ ") failed, closing the session with 1011", ex);
					return end(session, CloseStatus.SERVER_ERROR);
				});
			Mono<Void> sending = webSocketSession.send(session.start())
				.doOnTerminate(session::markClosed)
				.doFinally((signal) -> session.markClosed());
			return Mono.when(sending, handling);
		};
	}

	private static Mono<Void> end(DefaultBlockingWebSocketSession session, CloseStatus status) {
		Mono<Void> close = session.isWebSocketOpen() ? session.webSocketSession().close(status) : Mono.empty();
		return close.doFinally((signal) -> session.markClosed());
	}

}
