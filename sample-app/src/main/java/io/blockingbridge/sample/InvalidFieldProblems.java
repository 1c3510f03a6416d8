package io.blockingbridge.sample;

import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;

/**
 * Says which fields of a request body failed validation: the {@code 400} problem detail of an
 * invalid body gets an {@code errors} list of {@code {"field": ..., "message": ...}} entries.
 * Every other problem detail is Spring Boot's ({@code spring.webflux.problemdetails.enabled}).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidFieldProblems {

	@ExceptionHandler
	ProblemDetail invalidFields(WebExchangeBindException ex) {
		ProblemDetail problem = ex.getBody();
		List<Map<String, String>> errors = ex.getFieldErrors()
			.stream()
			.map((error) -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList();
		problem.setDetail("Invalid request content: " + errors.size() + " field(s) rejected.");
		problem.setProperty("errors", errors);
		return problem;
	}

}
