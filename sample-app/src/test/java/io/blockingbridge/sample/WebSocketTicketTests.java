package io.blockingbridge.sample;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The browser page's way into the notification WebSocket: a ticket from {@code POST /ws/tickets}
 * (HTTP Basic) opens {@code /ws/notifications?ticket=} as the ticket's customer; a forged or
 * altered ticket is refused; scripts asking with {@code X-Requested-With} get {@code 401} without
 * the Basic challenge that would open the browser's own login dialog.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S")
class WebSocketTicketTests {

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	@Test
	void ticketOpensTheWebSocketAsItsCustomer() throws InterruptedException {
		String ticket = ticket("grace", "grace-password");
		BlockingQueue<String> messages = new LinkedBlockingQueue<>();
		Disposable connection = new ReactorNettyWebSocketClient()
			.execute(URI.create("ws://127.0.0.1:" + this.port + "/ws/notifications?ticket=" + ticket),
					(session) -> session.receive().map(WebSocketMessage::getPayloadAsText).doOnNext(messages::add).then())
			.subscribe();
		try {
			assertThat(messages.poll(20, TimeUnit.SECONDS)).isEqualTo("Connected as grace");
		}
		finally {
			connection.dispose();
		}
	}

	@Test
	void alteredTicketIsRefused() {
		String ticket = ticket("grace", "grace-password");
		String[] parts = ticket.split("\\.");
		String ada = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("ada".getBytes());
		refused(ada + "." + parts[1] + "." + parts[2]);
		refused(parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2]);
		refused("not-a-ticket");
	}

	@Test
	void ticketsNeedACustomersLogin() {
		this.client.post().uri("/ws/tickets").exchange().expectStatus().isUnauthorized();
		this.client.post().uri("/ws/tickets").headers((h) -> h.setBasicAuth("admin", "admin-password"))
			.exchange().expectStatus().isForbidden();
	}

	@Test
	void scriptsGetNoBasicChallenge() {
		this.client.get().uri("/orders").header("X-Requested-With", "XMLHttpRequest").exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
			.expectBody().jsonPath("$.title").isEqualTo("Authentication required");
		this.client.get().uri("/orders").exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"food-delivery\"");
	}

	@Test
	void pageIsPublic() {
		this.client.get().uri("/").exchange().expectStatus().isOk()
			.expectBody(String.class).value((html) -> assertThat(html).contains("<title>Food delivery"));
		this.client.get().uri("/page/app.js").exchange().expectStatus().isOk();
	}

	private String ticket(String user, String password) {
		Map<String, Object> answer = this.client.post().uri("/ws/tickets")
			.headers((h) -> h.setBasicAuth(user, password))
			.exchange()
			.expectStatus().isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(answer).containsEntry("expiresInSeconds", 60);
		return (String) answer.get("ticket");
	}

	private void refused(String ticket) {
		URI uri = URI.create("ws://127.0.0.1:" + this.port + "/ws/notifications?ticket=" + ticket);
		assertThatExceptionOfType(WebSocketClientHandshakeException.class)
			.isThrownBy(() -> new ReactorNettyWebSocketClient().execute(uri, (session) -> Mono.never())
				.block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.response().status().code()).isEqualTo(401));
	}

}
