package io.blockingbridge.sample.orders;


import java.security.Principal;
import java.util.stream.Stream;

import io.blockingbridge.sample.StorableText;
import io.blockingbridge.sample.customers.OtherCustomerException;
import io.blockingbridge.web.BlockingStyle;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The food-delivery view, in plain blocking style: each request runs on its own virtual thread,
 * and every database and HTTP call below parks that thread while the event loop does the I/O. The
 * customer is the logged-in one ({@link Principal}): a customer sees and places only their own
 * orders.
 */
@RestController
@BlockingStyle
class OrderController {

	/** The orders per page of {@code GET /orders} unless asked otherwise. */
	static final int DEFAULT_PAGE_SIZE = 20;

	/** The most orders per page of {@code GET /orders}. */
	static final int MAX_PAGE_SIZE = 100;

	private static final int MAX_PAGE = 1_000_000;

	private final OrderFlow flow;

	private final IdempotencyKeys idempotencyKeys;

	private final OrderBook orderBook;

	private final ExportPermits exportPermits;

	OrderController(OrderFlow flow, IdempotencyKeys idempotencyKeys, OrderBook orderBook,
			ExportPermits exportPermits) {
		this.flow = flow;
		this.idempotencyKeys = idempotencyKeys;
		this.orderBook = orderBook;
		this.exportPermits = exportPermits;
	}

	@PostMapping("/orders")
	ResponseEntity<?> placeOrder(Principal caller,
			@RequestHeader(name = IdempotencyKeys.HEADER, required = false) @Nullable String key,
			@Valid @RequestBody NewOrder request) {
		String customer = OtherCustomerException.requireCaller(caller, request.customer());
		if (key == null) {
			return this.flow.place(request);
		}
		return this.idempotencyKeys.once(key, customer, request, (opened) -> this.flow.place(request, opened));
	}

	// Digits only, so that /orders/export (with an Accept it cannot answer) never falls through to it.
	@GetMapping("/orders/{id:\\d+}")
	OrderView order(Principal caller, @PathVariable long id) {
		return this.orderBook.find(id, caller.getName());
	}

	/**
	 * All of the caller's orders, oldest first and without their items, as NDJSON (one JSON object
	 * per line): read from a database cursor while the answer is written, as fast as the client
	 * takes it, so that a million orders need no more memory than a few. The web layer closes the
	 * stream at the end, or when the client goes away, which stops the query. Each export holds a
	 * database connection while it runs: at most {@code orders.export.max-per-customer} per customer
	 * and {@code orders.export.max-concurrent} in all run at once, beyond that {@code 429}. Only
	 * NDJSON is produced: another {@code Accept} is answered {@code 406}.
	 * @param caller the logged-in customer
	 * @return the orders
	 */
	@GetMapping(path = "/orders/export", produces = MediaType.APPLICATION_NDJSON_VALUE)
	Stream<Order> export(Principal caller) {
		Runnable permit = this.exportPermits.acquire(caller.getName());
		try {
			return this.orderBook.export(caller.getName()).onClose(permit);
		}
		catch (RuntimeException | Error ex) {
			permit.run();
			throw ex;
		}
	}

	@GetMapping("/orders")
	OrdersPage orders(Principal caller, @RequestParam(required = false) @Nullable String customer,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int size) {
		if (customer != null) {
			StorableText.Check.require("customer", customer);
		}
		String own = OtherCustomerException.requireCaller(caller, customer);
		if (page < 0 || page > MAX_PAGE || size < 1 || size > MAX_PAGE_SIZE) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "'page' must be 0 to "
					+ MAX_PAGE + " and 'size' 1 to " + MAX_PAGE_SIZE + ", but were " + page + " and " + size + ".");
			problem.setTitle("Invalid page");
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
		}
		return this.orderBook.findByCustomer(own, page, size);
	}

}
