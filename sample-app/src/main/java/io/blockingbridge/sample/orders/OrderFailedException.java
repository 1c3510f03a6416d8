package io.blockingbridge.sample.orders;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The kitchen did not accept an order, which is now marked failed: answered {@code 502 Bad Gateway}
 * with a problem detail naming the order and the reason.
 */
public class OrderFailedException extends ErrorResponseException {

	/**
	 * Creates the exception.
	 * @param orderId the failed order's id
	 * @param reason what the kitchen did
	 */
	public OrderFailedException(long orderId, String reason) {
		super(HttpStatus.BAD_GATEWAY, problem(orderId, reason), null);
	}

	private static ProblemDetail problem(long orderId, String reason) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
				"Order #" + orderId + " failed: " + reason + ".");
		problem.setTitle("Kitchen did not accept the order");
		problem.setProperty("orderId", orderId);
		problem.setProperty("orderStatus", OrderStatus.FAILED);
		return problem;
	}

}
