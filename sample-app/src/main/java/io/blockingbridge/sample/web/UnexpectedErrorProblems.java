package io.blockingbridge.sample.web;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The last resort: any exception no other handler answers becomes a {@code 500} problem detail
 * that says nothing about the application's internals (they are logged instead). Ordered last, so
 * Spring's own answers to bad requests ({@code ErrorResponse} exceptions) keep their status.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UnexpectedErrorProblems {

	private static final Log logger = LogFactory.getLog(UnexpectedErrorProblems.class);

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) throws Exception {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
			// Not unexpected: a refusal of method security (@PreAuthorize), which Spring Security and
			// the bridge answer (403 problem detail, or 401 with the HTTP Basic challenge).
			throw ex;
		}
		if (ex instanceof ServerExchangeRejectedException) {
			// Not unexpected either: Spring Security's firewall refuses a header or parameter the
			// moment the code reads it; OutsideControllerProblems answers 400.
			throw ex;
		}
		logger.error("Unexpected error while handling a request", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request could not be completed because of an internal error. It has been logged.");
		problem.setTitle("Internal error");
		return problem;
	}

}
