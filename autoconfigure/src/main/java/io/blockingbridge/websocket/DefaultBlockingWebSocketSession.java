package io.blockingbridge.websocket;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.blockingbridge.core.BridgeInterruptedException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The blocking-style view of a WebFlux {@link WebSocketSession}. Inbound: a subscriber that
 * requests one message at a time, the next only once the handler took the previous one. Outbound:
 * one Flux whose demand senders wait for, one sender at a time.
 */
final class DefaultBlockingWebSocketSession implements BlockingWebSocketSession {

	/** The end of the inbound messages. */
	private static final Object END = new Object();

	private final WebSocketSession session;

	private final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();

	private final Inbound inbound = new Inbound();

	private final ReentrantLock sending = new ReentrantLock();

	private final Condition demand = this.sending.newCondition();

	private long requested;

	private @Nullable FluxSink<WebSocketMessage> sink;

	private volatile boolean closed;

	DefaultBlockingWebSocketSession(WebSocketSession session) {
		this.session = session;
	}

	/** Start receiving (one message at a time); return the messages to send. */
	Flux<WebSocketMessage> start() {
		this.session.receive().subscribe(this.inbound);
		return Flux.create((sink) -> {
			sink.onRequest((n) -> {
				this.sending.lock();
				try {
					this.requested = (this.requested + n < 0) ? Long.MAX_VALUE : this.requested + n;
					this.demand.signalAll();
				}
				finally {
					this.sending.unlock();
				}
			});
			sink.onDispose(this::markClosed);
			this.sending.lock();
			try {
				this.sink = sink;
				this.demand.signalAll();
			}
			finally {
				this.sending.unlock();
			}
		});
	}

	/** The connection is gone or closing: wake up senders and receivers. */
	void markClosed() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.received.offer(END);
		this.inbound.dispose();
		this.sending.lock();
		try {
			this.demand.signalAll();
			if (this.sink != null) {
				this.sink.complete();
			}
		}
		finally {
			this.sending.unlock();
		}
	}

	WebSocketSession webSocketSession() {
		return this.session;
	}

	boolean isWebSocketOpen() {
		return this.session.isOpen();
	}

	@Override
	public String getId() {
		return this.session.getId();
	}

	@Override
	public HandshakeInfo getHandshakeInfo() {
		return this.session.getHandshakeInfo();
	}

	@Override
	public boolean isOpen() {
		return !this.closed && this.session.isOpen();
	}

	@Override
	public @Nullable String receiveText() {
		Object message = receive();
		if (message instanceof byte[]) {
			throw new IllegalStateException("The next message of WebSocket session " + getId()
					+ " is binary: receive it with receiveBinary()");
		}
		return (String) message;
	}

	@Override
	public byte @Nullable [] receiveBinary() {
		Object message = receive();
		return (message instanceof String text) ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) message;
	}

	private @Nullable Object receive() {
		Object message;
		try {
			message = this.received.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BridgeInterruptedException(ex);
		}
		if (message == END) {
			this.received.offer(END);
			return null;
		}
		this.inbound.requestNext();
		return message;
	}

	@Override
	public void sendText(String text) {
		send(true, text.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void sendBinary(byte[] bytes) {
		send(false, bytes.clone());
	}

	private void send(boolean text, byte[] bytes) {
		try {
			this.sending.lockInterruptibly();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BridgeInterruptedException(ex);
		}
		try {
			while (!this.closed && (this.sink == null || this.requested == 0)) {
				this.demand.await();
			}
			if (this.closed || this.sink == null) {
				throw new WebSocketSessionClosedException("WebSocket session " + getId()
						+ " is closed (the peer went away or the session was closed): stop sending to it");
			}
			this.requested--;
			WebSocketMessage message = text
					? new WebSocketMessage(WebSocketMessage.Type.TEXT, this.session.bufferFactory().wrap(bytes))
					: this.session.binaryMessage((factory) -> factory.wrap(bytes));
			this.sink.next(message);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BridgeInterruptedException(ex);
		}
		finally {
			this.sending.unlock();
		}
	}

	@Override
	public void close() {
		close(CloseStatus.NORMAL);
	}

	@Override
	public void close(CloseStatus status) {
		this.session.close(status).subscribe();
		markClosed();
	}

	/** Takes inbound messages one at a time. */
	private final class Inbound extends BaseSubscriber<WebSocketMessage> {

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			subscription.request(1);
		}

		@Override
		protected void hookOnNext(WebSocketMessage message) {
			Object content = (message.getType() == WebSocketMessage.Type.TEXT) ? message.getPayloadAsText()
					: bytes(message);
			if (message.getType() == WebSocketMessage.Type.TEXT || message.getType() == WebSocketMessage.Type.BINARY) {
				DefaultBlockingWebSocketSession.this.received.offer(content);
			}
			else {
				requestNext();
			}
		}

		@Override
		protected void hookFinally(reactor.core.publisher.SignalType type) {
			DefaultBlockingWebSocketSession.this.markClosed();
		}

		void requestNext() {
			if (!isDisposed()) {
				request(1);
			}
		}

		private static byte[] bytes(WebSocketMessage message) {
			byte[] bytes = new byte[message.getPayload().readableByteCount()];
			message.getPayload().read(bytes);
			return bytes;
		}

	}

}
