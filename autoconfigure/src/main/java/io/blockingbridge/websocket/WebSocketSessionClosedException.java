package io.blockingbridge.websocket;

/**
 * Thrown by a send on a {@link BlockingWebSocketSession} that is closed: the peer went away or the
 * session was closed. Stop sending to the session; a handler receiving from it gets {@code null}.
 */
public class WebSocketSessionClosedException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message the message
	 */
	public WebSocketSessionClosedException(String message) {
		super(message);
	}

}
