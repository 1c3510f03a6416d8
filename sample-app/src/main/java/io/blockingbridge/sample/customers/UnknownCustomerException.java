package io.blockingbridge.sample.customers;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request named a customer that is not in {@code sample_customers}. Answered with a problem
 * detail: {@code 404} when the customer is what the request addresses (the notification WebSocket,
 * a customer's orders), {@code 400} when the name is data in a request body (a new order).
 */
public class UnknownCustomerException extends ErrorResponseException {

	private final String customer;

	private UnknownCustomerException(String customer, HttpStatus status) {
		super(status, problem(customer, status), null);
		this.customer = customer;
	}

	private static ProblemDetail problem(String customer, HttpStatus status) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				"No customer named '" + customer + "'. The known customers are listed at GET /customers.");
		problem.setTitle("Unknown customer");
		problem.setProperty("customer", customer);
		return problem;
	}

	/**
	 * The customer the request addresses does not exist ({@code 404}).
	 * @param customer the name
	 * @return the exception
	 */
	public static UnknownCustomerException addressed(String customer) {
		return new UnknownCustomerException(customer, HttpStatus.NOT_FOUND);
	}

	/**
	 * The customer named in a request body does not exist ({@code 400}).
	 * @param customer the name
	 * @return the exception
	 */
	public static UnknownCustomerException inRequestBody(String customer) {
		return new UnknownCustomerException(customer, HttpStatus.BAD_REQUEST);
	}

	/**
	 * The unknown name.
	 * @return the customer's name as given
	 */
	public String getCustomer() {
		return this.customer;
	}

}
