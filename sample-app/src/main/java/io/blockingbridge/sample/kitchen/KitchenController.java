package io.blockingbridge.sample.kitchen;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The kitchen service, part of the sample so that it runs alone. {@code POST /kitchen/orders}
 * takes {@code kitchen.delay} to answer, refuses {@code kitchen.failure-rate} of the orders with
 * {@code 503}, and accepts the others with {@code 201 {"mins": N}}, N being 15 minutes plus 5 per
 * item. The order id is the idempotency key: the same order id gets the same answer and is cooked
 * once. {@code DELETE /kitchen/orders/{id}} cancels an order (idempotent, {@code 204}; an order the
 * kitchen refused stays refused); a cancelled order is answered {@code 409}.
 * {@code GET /kitchen/orders/{id}} tells where an order stands at the kitchen, and for whom it was
 * sent. All of them require the kitchen's credential (role {@code KITCHEN}).
 * <p>
 * The kitchen stands in for another service, so it is not a blocking-style controller: its
 * requests do not count against this application's admission limit
 * ({@code bridge.web.max-concurrent-requests}), which would otherwise refuse the kitchen calls of
 * the very orders it admitted. Its work is in memory; only the wait for the answer is a timer.
 */
@RestController
class KitchenController {

	private final Kitchen kitchen;

	KitchenController(Kitchen kitchen) {
		this.kitchen = kitchen;
	}

	@PostMapping("/kitchen/orders")
	Mono<ResponseEntity<?>> cook(@Valid @RequestBody KitchenOrder order) {
		Kitchen.Ticket ticket = this.kitchen.ticket(order.orderId(), order.customer(), order.items().size());
		// A timer, cancelled if the caller gives up. A repeated request waits for the same moment as
		// the first one.
		return Mono.delay(Duration.ofNanos(ticket.nanosUntilAnswer())).map((tick) -> answer(order, ticket));
	}

	private static ResponseEntity<?> answer(KitchenOrder order, Kitchen.Ticket ticket) {
		return switch (ticket.state()) {
			case COOKING -> ResponseEntity.status(HttpStatus.CREATED).body(Map.of("mins", ticket.minutes()));
			case REFUSED -> problem(HttpStatus.SERVICE_UNAVAILABLE, "Kitchen too busy",
					"The kitchen cannot take order #" + order.orderId() + " right now.");
			default -> problem(HttpStatus.CONFLICT, "Order cancelled",
					"Order #" + order.orderId() + " was cancelled and will not be cooked.");
		};
	}

	@DeleteMapping("/kitchen/orders/{id}")
	ResponseEntity<Void> cancel(@PathVariable long id) {
		this.kitchen.cancel(id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/kitchen/orders/{id}")
	Map<String, Object> state(@PathVariable long id) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("orderId", id);
		state.put("state", this.kitchen.state(id));
		String customer = this.kitchen.customer(id);
		if (customer != null) {
			state.put("customer", customer);
		}
		return state;
	}

	private static ResponseEntity<?> problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return ResponseEntity.of(problem).build();
	}

}
