package io.blockingbridge.sample.security;

import java.security.Principal;

import io.blockingbridge.web.BlockingStyle;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ws/tickets}: a ticket for the notification WebSocket, for the logged-in customer
 * (see {@link WebSocketTickets}).
 */
@RestController
@BlockingStyle
class WebSocketTicketController {

	private final WebSocketTickets tickets;

	WebSocketTicketController(WebSocketTickets tickets) {
		this.tickets = tickets;
	}

	@PostMapping("/ws/tickets")
	Ticket ticket(Principal caller) {
		return new Ticket(this.tickets.issue(caller.getName()), this.tickets.lifetime().toSeconds());
	}

	/**
	 * A ticket and how long it is valid.
	 *
	 * @param ticket pass it as {@code ?ticket=} when opening {@code /ws/notifications}
	 * @param expiresInSeconds the seconds it remains valid
	 */
	record Ticket(String ticket, long expiresInSeconds) {
	}

}
