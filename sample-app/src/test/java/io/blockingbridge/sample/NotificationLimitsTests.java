package io.blockingbridge.sample;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.blockingbridge.sample.notifications.NotificationHub;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client cannot hold the notification WebSocket's connections: at most so many sessions per
 * customer ({@code 429}) and overall ({@code 503}), a session whose peer stays silent is closed,
 * and a peer that answers the server's pings keeps its session. A handshake with a ticket beyond the
 * limit is refused before Spring Security's filter chain (no user look-up per refused attempt).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.notifications.max-sessions-per-customer=2", "sample.notifications.max-sessions=3",
				"sample.notifications.ping-interval=300ms", "sample.notifications.idle-timeout=1500ms" })
@Import(NotificationLimitsTests.HandshakesInChainConfiguration.class)
class NotificationLimitsTests {

	@LocalServerPort
	int port;

	@Autowired
	NotificationHub notifications;

	@Autowired
	HandshakesInChain handshakes;

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

	@Test
	@Timeout(60)
	void handshakeWithATicketBeyondTheLimitIsRefusedBeforeTheSecurityFilterChain() throws Exception {
		String ticket = ticket("alan");
		try (NotificationListener first = NotificationListener.connect(this.port, "alan");
				NotificationListener second = NotificationListener.connect(this.port, "alan")) {
			int reachedChain = this.handshakes.count();
			try (RawHttp connection = RawHttp.connect(this.port)) {
				RawHttp.Response refused = connection.send(handshake(ticket)).response();
				assertThat(refused.status()).isEqualTo(429);
				assertThat(refused.header("Retry-After")).isEqualTo("10");
				assertThat(refused.header("Connection")).isEqualTo("close");
				assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
				assertThat(refused.body()).contains("\"title\":\"Too many notification sessions\"");
				connection.awaitClosedBy(Duration.ofSeconds(10));
			}
			// Neither the security filter chain (which would look the ticket's user up in the
			// database) nor the endpoint saw it.
			assertThat(this.handshakes.count()).isEqualTo(reachedChain);
		}
		// With room again, the same ticket opens a session through the filter chain as before.
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		int status;
		do {
			try (RawHttp connection = RawHttp.connect(this.port)) {
				status = connection.send(handshake(ticket)).response().status();
			}
		}
		while (status != 101 && System.nanoTime() < deadline && sleep(100));
		assertThat(status).isEqualTo(101);
	}

	private static boolean sleep(long millis) throws InterruptedException {
		Thread.sleep(millis);
		return true;
	}

	private static String handshake(String ticket) {
		return "GET /ws/notifications?ticket=" + ticket + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
				+ "Sec-WebSocket-Version: 13\r\n\r\n";
	}

	private String ticket(String customer) {
		try (RawHttp connection = RawHttp.connect(this.port)) {
			RawHttp.Response answer = connection.send("POST /ws/tickets HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
					+ Logins.authorization(customer) + "\r\nContent-Length: 0\r\n\r\n").response();
			assertThat(answer.status()).isEqualTo(200);
			Matcher ticket = Pattern.compile("\"ticket\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
			assertThat(ticket.find()).as(answer.body()).isTrue();
			return ticket.group(1);
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

	/** Counts the handshakes with a ticket that reach Spring Security's filter chain. */
	static final class HandshakesInChain implements WebFilter, Ordered {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public int getOrder() {
			// just before Spring Security's WebFilterChainProxy (-100,
			// WebFluxSecurityConfiguration.WEB_FILTER_CHAIN_FILTER_ORDER)
			return -101;
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			if (exchange.getRequest().getPath().value().equals("/ws/notifications")
					&& exchange.getRequest().getQueryParams().containsKey("ticket")) {
				this.count.incrementAndGet();
			}
			return chain.filter(exchange);
		}

		int count() {
			return this.count.get();
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class HandshakesInChainConfiguration {

		@Bean
		HandshakesInChain handshakesInChain() {
			return new HandshakesInChain();
		}

	}

}
