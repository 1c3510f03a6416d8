package io.blockingbridge.sample.notifications;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.sample.StorableText;
import io.blockingbridge.sample.customers.Customers;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;

/**
 * The WebSocket endpoint {@code /ws/notifications?customer=NAME}. It is plumbing, so it stays
 * reactive; the one blocking step, checking that the customer is known, runs on a virtual thread
 * through {@link Bridge#spawn}. Because the handshake goes through an annotated controller, a
 * refused handshake is answered like any other bad request: {@code 404} with a problem detail for an
 * unknown customer, {@code 400} without a customer or without a WebSocket upgrade.
 */
@RestController
class NotificationEndpoint {

	private final Customers customers;

	private final NotificationHub hub;

	private final WebSocketService webSockets = new HandshakeWebSocketService();

	NotificationEndpoint(Customers customers, NotificationHub hub) {
		this.customers = customers;
		this.hub = hub;
	}

	@GetMapping("/ws/notifications")
	Mono<Void> connect(@RequestParam String customer, ServerWebExchange exchange) {
		StorableText.Check.require("customer", customer);
		return Bridge.spawn(() -> this.customers.require(customer))
			.then(Mono.defer(() -> this.webSockets.handleRequest(exchange, this.hub.sessionOf(customer))));
	}

}
