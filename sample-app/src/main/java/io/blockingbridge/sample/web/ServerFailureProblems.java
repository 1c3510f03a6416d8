package io.blockingbridge.sample.web;

import io.blockingbridge.core.BridgeTimeoutException;
import io.netty.channel.ChannelException;
import io.r2dbc.spi.R2dbcTransientException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problem details for the server's own failures, which would otherwise be answered with Spring
 * Boot's default error JSON: {@code 503} with {@code Retry-After} when the database cannot take more
 * work right now (no pooled connection within {@code spring.r2dbc.pool.max-acquire-time}, or
 * another transient failure), {@code 504} when a request ran out of its time limit
 * ({@code bridge.timeout}), {@code 408} (and the connection closed) when a request's body arrived too
 * slowly ({@code sample.server.read-timeout} or {@code request-timeout}).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ServerFailureProblems {

	private static final Log logger = LogFactory.getLog(ServerFailureProblems.class);

	/** Seconds a client is asked to wait before retrying after a {@code 503}. */
	static final String RETRY_AFTER_SECONDS = "1";

	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			R2dbcTransientException.class, CannotCreateTransactionException.class })
	ResponseEntity<ProblemDetail> databaseBusy(Exception ex) {
		logger.debug("Database busy", ex);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.body(databaseBusyProblem());
	}

	static ProblemDetail databaseBusyProblem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The service is busy and could not get to the database in time. Retry after "
						+ RETRY_AFTER_SECONDS + " s.");
		problem.setTitle("Service busy");
		return problem;
	}

	static boolean isDatabaseBusy(Throwable ex) {
		return ex instanceof DataAccessResourceFailureException || ex instanceof TransientDataAccessException
				|| ex instanceof R2dbcTransientException;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> timedOut(BridgeTimeoutException ex) {
		logger.debug("Request timed out", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT,
				"The request did not complete within " + ex.getTimeout().toMillis() + " ms.");
		problem.setTitle("Request timed out");
		return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(problem);
	}

	/**
	 * A body that stopped arriving: Reactor Netty's read or request timeout failed the read and
	 * closes the connection. The client is told so if the answer gets out before the close.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> bodyTooSlow(ChannelException ex) throws ChannelException {
		if (!QuietDroppedTimeouts.isBodyTimeout(ex)) {
			throw ex;
		}
		logger.debug("Request body too slow", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.REQUEST_TIMEOUT,
				"The request's body did not arrive in time. Send the whole request at once.");
		problem.setTitle("Request body too slow");
		return ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT).header(HttpHeaders.CONNECTION, "close").body(problem);
	}

}
