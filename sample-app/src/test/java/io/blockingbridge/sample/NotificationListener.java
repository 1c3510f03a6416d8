package io.blockingbridge.sample;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A real WebSocket client connected to {@code /ws/notifications} as one customer (logged in with
 * HTTP Basic on the handshake), collecting the text messages it receives.
 */
final class NotificationListener implements AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

	private final Disposable connection;

	private NotificationListener(int port, String customer, String password) {
		URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/notifications");
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(customer, password);
		this.connection = new ReactorNettyWebSocketClient()
			.execute(uri, headers,
					(session) -> session.receive()
						.map(WebSocketMessage::getPayloadAsText)
						.doOnNext(this.messages::add)
						.then())
			.subscribe(null, (error) -> this.messages.add("CONNECTION FAILED: " + error));
	}

	/**
	 * Connects and waits for the greeting, after which the customer receives every notification.
	 */
	static NotificationListener connect(int port, String customer) {
		return connect(port, customer, Logins.password(customer));
	}

	/**
	 * Connects with the given password and waits for the greeting.
	 */
	static NotificationListener connect(int port, String customer, String password) {
		NotificationListener listener = new NotificationListener(port, customer, password);
		assertThat(listener.next()).isEqualTo("Connected as " + customer);
		return listener;
	}

	String next() {
		try {
			String message = this.messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			if (message == null) {
				fail("No WebSocket message within " + WAIT);
			}
			return message;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	List<String> received() {
		List<String> received = new ArrayList<>();
		this.messages.drainTo(received);
		return received;
	}

	@Override
	public void close() {
		this.connection.dispose();
	}

}
