package io.blockingbridge.sample.customers;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

/**
 * The known customers: a blocking Spring Data repository, implemented by Blocking Bridge over
 * R2DBC.
 */
public interface CustomerRepository extends ListCrudRepository<Customer, String> {

	/**
	 * All customers by name.
	 * @return the customers
	 */
	List<Customer> findAllByOrderByName();

}
