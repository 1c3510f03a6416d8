package io.blockingbridge.sample.orders;

import java.util.List;

import io.blockingbridge.web.BlockingStyle;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/orders/pending}: the newest {@code PENDING} orders of all customers, for the
 * administrator. The route only requires a logged-in user; who may see the orders is decided by the
 * {@code @PreAuthorize} of {@link OrderBook#findPending()}, a blocking method: a customer is answered
 * {@code 403} with a problem detail.
 */
@RestController
@BlockingStyle
class AdminOrderController {

	private final OrderBook orderBook;

	AdminOrderController(OrderBook orderBook) {
		this.orderBook = orderBook;
	}

	@GetMapping("/admin/orders/pending")
	List<OrderView> pending() {
		return this.orderBook.findPending();
	}

}
