package io.blockingbridge.websocket;

/**
 * A WebSocket handler in blocking style: it runs on a virtual thread of its own for the whole
 * session, through the same runner as blocking-style requests (the handshake's Reactor Context,
 * security context and MDC; a bridge scope). Returning closes the session normally (1000); throwing
 * closes it with 1011 (server error). Turn it into a WebFlux {@code WebSocketHandler} with
 * {@link BlockingWebSocketHandlers#of(BlockingWebSocketHandler)}.
 */
@FunctionalInterface
public interface BlockingWebSocketHandler {

	/**
	 * Handle a session until it ends.
	 * @param session the session
	 * @throws Exception closes the session with 1011
	 */
	void handle(BlockingWebSocketSession session) throws Exception;

}
