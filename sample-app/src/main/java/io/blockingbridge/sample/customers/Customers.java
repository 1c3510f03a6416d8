package io.blockingbridge.sample.customers;

import java.util.List;

import org.springframework.stereotype.Service;

/**
 * Looks up known customers, in blocking style: each call awaits an R2DBC query through the bridge.
 */
@Service
public class Customers {

	private final CustomerRepository repository;

	Customers(CustomerRepository repository) {
		this.repository = repository;
	}

	/**
	 * All known customers.
	 * @return the customers, by name
	 */
	public List<Customer> all() {
		return this.repository.findAllByOrderByName();
	}

}
