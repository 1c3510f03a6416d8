package io.blockingbridge.sample.orders;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.blockingbridge.sample.kitchen.KitchenAnswer;
import io.blockingbridge.sample.kitchen.KitchenClient;
import io.blockingbridge.sample.notifications.NotificationHub;
import io.blockingbridge.web.BlockingStyle;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The food-delivery view, in plain blocking style: each request runs on its own virtual thread,
 * and every database and HTTP call below parks that thread while the event loop does the I/O.
 */
@RestController
@BlockingStyle
class OrderController {

	private final OrderBook orderBook;

	private final KitchenClient kitchen;

	private final NotificationHub notifications;

	OrderController(OrderBook orderBook, KitchenClient kitchen, NotificationHub notifications) {
		this.orderBook = orderBook;
		this.kitchen = kitchen;
		this.notifications = notifications;
	}

	@PostMapping("/orders")
	ResponseEntity<Map<String, Object>> placeOrder(@Valid @RequestBody NewOrder request) {
		// (1) INSERT the order (PENDING) and its items in one transaction; it commits here, so no
		// connection is held while the kitchen cooks.
		Order order = this.orderBook.open(request);
		long id = order.requiredId();
		KitchenAnswer answer;
		try {
			// (2) POST it to the kitchen and wait for the answer (at most kitchen.timeout).
			answer = this.kitchen.send(id, order.customer(), request.items());
			// (3) Only a kitchen acceptance makes an order ACCEPTED.
			if (answer instanceof KitchenAnswer.Accepted accepted) {
				this.orderBook.accept(id, accepted.minutes());
			}
		}
		catch (RuntimeException | Error ex) {
			// This request's own client went away (the thread was interrupted) or something broke:
			// the order must not stay PENDING. (An order already ACCEPTED stays so.)
			failAbandoned(id, ex);
			throw ex;
		}
		return switch (answer) {
			case KitchenAnswer.Accepted(int minutes, Map<String, Object> json) -> {
				this.notifications.send(order.customer(),
						"Order #" + id + " will be delivered in " + minutes + " minutes");
				yield ResponseEntity.created(URI.create("/orders/" + id)).body(json);
			}
			case KitchenAnswer.NotAccepted(String reason) -> {
				this.orderBook.fail(id, reason);
				throw new OrderFailedException(id, reason);
			}
		};
	}

	private void failAbandoned(long id, Throwable cause) {
		try {
			this.orderBook.fail(id, "the order was abandoned: " + cause);
		}
		catch (RuntimeException ex) {
			cause.addSuppressed(ex);
		}
	}

	@GetMapping("/orders/{id}")
	OrderView order(@PathVariable long id) {
		return this.orderBook.find(id);
	}

	@GetMapping("/orders")
	List<OrderView> orders(@RequestParam String customer) {
		return this.orderBook.findByCustomer(customer);
	}

}
