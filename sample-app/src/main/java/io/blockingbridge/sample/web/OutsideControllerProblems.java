package io.blockingbridge.sample.web;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Problem details for failures that no controller advice sees, because they arise in the filter
 * chain (HTTP Basic looking up the user, Spring Security reading a header) or escape it:
 * <ul>
 * <li>a busy database, the {@code 503} of {@link ServerFailureProblems};</li>
 * <li>a request that Spring Security's firewall rejects when a header or parameter is first read
 * (characters it does not allow): {@code 400};</li>
 * <li>a malformed {@code Content-Type} or {@code Accept} header met while the filter chain matches
 * the request: {@code 400}.</li>
 * </ul>
 * Ordered before Spring Boot's error handler, which would answer {@code 500}.
 */
@Component
@Order(-2)
class OutsideControllerProblems implements WebExceptionHandler {

	private static final Log logger = LogFactory.getLog(OutsideControllerProblems.class);

	private final ProblemResponses responses;

	OutsideControllerProblems(ProblemResponses responses) {
		this.responses = responses;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		ProblemDetail problem = problemFor(ex);
		if (problem == null || response.isCommitted()) {
			return Mono.error(ex);
		}
		logger.debug("Answered " + problem.getStatus() + " for a failure outside of controllers", ex);
		if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, ServerFailureProblems.RETRY_AFTER_SECONDS);
		}
		return this.responses.write(exchange, problem);
	}

	private static @Nullable ProblemDetail problemFor(Throwable ex) {
		if (ServerFailureProblems.isDatabaseBusy(ex)) {
			return ServerFailureProblems.databaseBusyProblem();
		}
		if (ex instanceof ServerExchangeRejectedException || ex instanceof InvalidMediaTypeException) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"The request was rejected: " + ex.getMessage());
			problem.setTitle("Rejected request");
			return problem;
		}
		return null;
	}

}
