package io.blockingbridge.sample.customers;

import java.util.List;

import io.blockingbridge.web.BlockingStyle;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /customers}: the known customers, who may place orders and receive notifications.
 */
@RestController
@BlockingStyle
class CustomerController {

	private final Customers customers;

	CustomerController(Customers customers) {
		this.customers = customers;
	}

	@GetMapping("/customers")
	List<Customer> customers() {
		return this.customers.all();
	}

}
