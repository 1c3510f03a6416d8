package io.blockingbridge.sample.customers;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request named a customer other than the one logged in (the {@code customer} of an order's body,
 * of {@code GET /orders?customer=}, of the WebSocket handshake): answered {@code 403} with a problem
 * detail. The customer of every request is the logged-in one; naming it is optional.
 */
public class OtherCustomerException extends ErrorResponseException {

	private OtherCustomerException(String caller, String named) {
		super(HttpStatus.FORBIDDEN, problem(caller, named), null);
	}

	private static ProblemDetail problem(String caller, String named) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "You are logged in as '"
				+ caller + "' and cannot act for '" + named
				+ "'. Leave out 'customer' (it is always the logged-in customer) or log in as that customer.");
		problem.setTitle("Other customer");
		problem.setProperty("customer", named);
		return problem;
	}

	/**
	 * Checks that a customer named by a request, if any, is the logged-in one.
	 * @param caller the logged-in customer
	 * @param named the customer the request names, {@code null} if none
	 * @return the logged-in customer's name
	 * @throws OtherCustomerException if the request names another customer
	 */
	public static String requireCaller(Principal caller, @Nullable String named) {
		if (named != null && !named.equals(caller.getName())) {
			throw new OtherCustomerException(caller.getName(), named);
		}
		return caller.getName();
	}

}
