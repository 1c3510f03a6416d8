package io.blockingbridge.sample;

import java.net.URI;
import java.time.Duration;

import io.blockingbridge.sample.notifications.NotificationHub;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client cannot hold the notification WebSocket's connections: at most so many sessions per
 * customer ({@code 429}) and overall ({@code 503}), a session whose peer stays silent is closed,
 * and a peer that answers the server's pings keeps its session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.notifications.max-sessions-per-customer=2", "sample.notifications.max-sessions=3",
				"sample.notifications.ping-interval=300ms", "sample.notifications.idle-timeout=1500ms" })
class NotificationLimitsTests {

	@LocalServerPort
	int port;

	@Autowired
	NotificationHub notifications;

	@Test
	void customerGetsAtMostItsShareOfSessionsAndTheInstanceItsLimit() throws Exception {
		try (NotificationListener first = NotificationListener.connect(this.port, "ada");
				NotificationListener second = NotificationListener.connect(this.port, "ada")) {
			WebSocketClientHandshakeException perCustomer = refused("ada");
			assertThat(perCustomer.response().status().code()).isEqualTo(429);
			assertThat(perCustomer.response().headers().get(HttpHeaders.RETRY_AFTER)).isEqualTo("10");
			assertThat(perCustomer.response().headers().get(HttpHeaders.CONNECTION)).isEqualTo("close");
			try (NotificationListener grace = NotificationListener.connect(this.port, "grace")) {
				assertThat(refused("alan").response().status().code()).isEqualTo(503);
			}
			// Grace's session ended: its place is free again.
			awaitOpens("alan");
		}
		// Ada's sessions ended: she may open two again.
		try (NotificationListener first = awaitOpens("ada"); NotificationListener second = awaitOpens("ada")) {
			this.notifications.send("ada", "both hear this");
			assertThat(first.next()).isEqualTo("both hear this");
			assertThat(second.next()).isEqualTo("both hear this");
		}
	}

	@Test
	void sessionOfAPeerThatNeverAnswersIsClosedAndItsPlaceFreed() throws Exception {
		try (RawWebSocket silent = RawWebSocket.open(this.port, "grace", 0)) {
			assertThat(silent.status()).isEqualTo(101);
			long start = System.nanoTime();
			// The peer reads the pings but answers none: the server closes after idle-timeout (with
			// 1001 Going Away; seen closed without the close frame too, when the channel's close
			// overtakes it).
			assertThat(silent.closeCode()).isIn(1001, -1);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
		}
		try (NotificationListener first = awaitOpens("grace"); NotificationListener second = awaitOpens("grace")) {
			// A peer answering the pings (Reactor Netty's client does) outlives the idle timeout.
			Thread.sleep(3000);
			this.notifications.send("grace", "still here");
			assertThat(first.next()).isEqualTo("still here");
			assertThat(second.next()).isEqualTo("still here");
		}
	}

	private WebSocketClientHandshakeException refused(String customer) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(customer, Logins.password(customer));
		URI uri = URI.create("ws://127.0.0.1:" + this.port + "/ws/notifications");
		try {
			new ReactorNettyWebSocketClient().execute(uri, headers, (session) -> Mono.never())
				.block(Duration.ofSeconds(10));
		}
		catch (WebSocketClientHandshakeException ex) {
			return ex;
		}
		throw new AssertionError("The handshake of " + customer + " was not refused");
	}

	/** Sessions are released when the server has seen their end, shortly after the client's. */
	private NotificationListener awaitOpens(String customer) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			try {
				return NotificationListener.connect(this.port, customer);
			}
			catch (AssertionError ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				Thread.sleep(100);
			}
		}
	}

}
