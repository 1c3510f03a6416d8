package io.blockingbridge.websocket;

import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;

/**
 * A WebSocket session in blocking style. Receiving takes one message at a time from the connection
 * (nothing the handler has not asked for is buffered beyond one message); sending parks until the
 * connection takes the message, so a peer that stops reading makes senders wait instead of growing
 * the heap. Any thread may send (for example other requests): each sender's messages arrive whole
 * and in its order.
 */
public interface BlockingWebSocketSession {

	/**
	 * Return the session's id.
	 * @return the id
	 */
	String getId();

	/**
	 * Return the handshake request's information.
	 * @return the handshake info
	 */
	HandshakeInfo getHandshakeInfo();

	/**
	 * Tell whether the session is open.
	 * @return {@code false} once the peer or this side closed it, or the connection dropped
	 */
	boolean isOpen();

	/**
	 * Park until the next message arrives and return it as text.
	 * @return the message, or {@code null} once the peer closed or the connection dropped
	 * @throws IllegalStateException when the next message is binary (use {@link #receiveBinary()})
	 * @throws io.blockingbridge.core.BridgeInterruptedException when the thread is interrupted
	 */
	@Nullable String receiveText();

	/**
	 * Park until the next message arrives and return its bytes (the UTF-8 bytes of a text message).
	 * @return the message's bytes, or {@code null} once the peer closed or the connection dropped
	 * @throws io.blockingbridge.core.BridgeInterruptedException when the thread is interrupted
	 */
	byte @Nullable [] receiveBinary();

	/**
	 * Send a text message: park until the connection takes it.
	 * @param text the message
	 * @throws WebSocketSessionClosedException when the session is or gets closed
	 */
	void sendText(String text);

	/**
	 * Send a binary message: park until the connection takes it.
	 * @param bytes the message
	 * @throws WebSocketSessionClosedException when the session is or gets closed
	 */
	void sendBinary(byte[] bytes);

	/**
	 * Close the session normally (1000).
	 */
	void close();

	/**
	 * Close the session with the given status.
	 * @param status the status
	 */
	void close(CloseStatus status);

}
