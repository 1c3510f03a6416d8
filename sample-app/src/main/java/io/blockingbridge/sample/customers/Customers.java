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
	 * Whether a customer is known.
	 * @param name the customer's name
	 * @return whether {@code sample_customers} has it
	 */
	public boolean isKnown(String name) {
		return this.repository.existsById(name);
	}

	/**
	 * A known customer, as addressed by a request.
	 * @param name the customer's name
	 * @return the customer
	 * @throws UnknownCustomerException ({@code 404}) if there is none of that name
	 */
	public Customer require(String name) {
		return this.repository.findById(name).orElseThrow(() -> UnknownCustomerException.addressed(name));
	}

	/**
	 * All known customers.
	 * @return the customers, by name
	 */
	public List<Customer> all() {
		return this.repository.findAllByOrderByName();
	}

}
