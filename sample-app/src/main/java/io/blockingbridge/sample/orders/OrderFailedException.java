package io.blockingbridge.sample.orders;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The kitchen did not accept an order, or no courier could take it; the order is now marked failed: answered {@code 502 Bad Gateway}
 * with a problem detail naming the order and the reason.
 */
public class OrderFailedException extends ErrorResponseException {

	/**
	 * Creates the exception.
	 * @param orderId the failed order's id
	 * @param reason what the kitchen did
	 */
	public OrderFailedException(long orderId, String reason) {
		this(orderId, "Kitchen did not accept the order", reason);
	}

	/**
	 * Creates the exception with a title of its own.
	 * @param orderId the failed order's id
	 * @param title the problem's title, what failed
	 * @param reason what happened
	 */
	public OrderFailedException(long orderId, String title, String reason) {
		super(HttpStatus.BAD_GATEWAY, problem(orderId, title, reason), null);
	}

	private static ProblemDetail problem(long orderId, String title, String reason) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
				"Order #" + orderId + " failed: " + reason + ".");
		problem.setTitle(title);
		problem.setProperty("orderId", orderId);
		problem.setProperty("orderStatus", OrderStatus.FAILED);
		return problem;
	}

}
