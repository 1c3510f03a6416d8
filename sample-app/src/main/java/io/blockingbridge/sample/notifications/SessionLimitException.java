package io.blockingbridge.sample.notifications;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A notification WebSocket handshake refused because too many sessions are open: {@code 429} when
 * the customer has {@code sample.notifications.max-sessions-per-customer} already, {@code 503} when
 * the instance has {@code sample.notifications.max-sessions}. The answer closes its connection, so
 * that refused handshakes hold no connection either.
 */
final class SessionLimitException extends ErrorResponseException {

	private SessionLimitException(HttpStatus status, String title, String detail, int retryAfterSeconds) {
		super(status, problem(status, title, detail), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
		getHeaders().set(HttpHeaders.CONNECTION, "close");
	}

	/** A refusal, not a failure: no stack trace (one is made for every refused handshake). */
	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

	static SessionLimitException perCustomer(int limit) {
		return new SessionLimitException(HttpStatus.TOO_MANY_REQUESTS, "Too many notification sessions",
				"This customer has " + limit + " notification sessions open already, the most allowed. "
						+ "Close one (a browser tab) before opening another.",
				10);
	}

	static SessionLimitException overall() {
		return new SessionLimitException(HttpStatus.SERVICE_UNAVAILABLE, "Notifications busy",
				"The server has as many notification sessions open as it takes. Try again later.", 10);
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
