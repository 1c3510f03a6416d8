package io.blockingbridge.sample.orders;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No order has the requested id: answered {@code 404} with a problem detail.
 */
public class OrderNotFoundException extends ErrorResponseException {

	/**
	 * Creates the exception.
	 * @param id the requested id
	 */
	public OrderNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND, problem(id), null);
	}

	private static ProblemDetail problem(long id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no order #" + id + ".");
		problem.setTitle("Order not found");
		problem.setProperty("orderId", id);
		return problem;
	}

}
