package io.blockingbridge.sample.notifications;

import java.security.Principal;

import io.blockingbridge.sample.StorableText;
import io.blockingbridge.sample.customers.OtherCustomerException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;

/**
 * The WebSocket endpoint {@code /ws/notifications}: the logged-in customer's notifications (the
 * handshake is authenticated with HTTP Basic like any other request). It is plumbing, so it stays
 * reactive. Because the handshake goes through an annotated controller, a refused handshake is
 * answered like any other bad request: {@code 400} without a WebSocket upgrade, {@code 403} if the
 * optional {@code customer} parameter names another customer, {@code 429} or {@code 503} when too
 * many sessions are open ({@link NotificationProperties}).
 */
@RestController
class NotificationEndpoint {

	private final NotificationSessions sessions;

	private final WebSocketService webSockets = new HandshakeWebSocketService();

	NotificationEndpoint(NotificationSessions sessions) {
		this.sessions = sessions;
	}

	@GetMapping("/ws/notifications")
	Mono<Void> connect(Principal caller, @RequestParam(required = false) @Nullable String customer,
			ServerWebExchange exchange) {
		if (customer != null) {
			StorableText.Check.require("customer", customer);
		}
		String own = OtherCustomerException.requireCaller(caller, customer);
		NotificationSessions.Reservation reservation = this.sessions.reserve(own);
		// Upgrade only once the server has read the whole handshake request (it has no body): Reactor
		// Netty stops its read and request timeouts at the request's end, and an upgrade answered
		// before that (a login from the login memory is that fast) kept them on the WebSocket
		// connection, which they then closed after sample.server.read-timeout.
		return exchange.getRequest()
			.getBody()
			.doOnNext(DataBufferUtils::release)
			.then(Mono.defer(() -> this.webSockets.handleRequest(exchange, this.sessions.sessionOf(reservation))))
			.doFinally((signal) -> {
				// A handshake that failed (not an upgrade, a bad version) never ran the handler.
				if (!reservation.started()) {
					reservation.release();
				}
			});
	}

}
