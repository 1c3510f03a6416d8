package io.blockingbridge.sample.web;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Problem details for failures that no controller advice sees, because they arise in the filter
 * chain (HTTP Basic looking up the user, Spring Security reading a header) or escape it:
 * <ul>
 * <li>a busy database, the {@code 503} of {@link ServerFailureProblems};</li>
 * <li>a request that Spring Security's firewall rejects when a header or parameter is first read
 * (characters it does not allow): {@code 400};</li>
 * <li>a malformed {@code Content-Type} or {@code Accept} header met while the filter chain or
 * Spring's handler mapping matches the request: {@code 400}.</li>
 * </ul>
 * A failure on a connection that is closed or closing (its request body was not valid HTTP, a bad
 * chunk size that Reactor Netty answered {@code 400} itself, or the client left) is expected: logged
 * at DEBUG only.
 * <p>
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
		Connection connection = connectionOf(exchange);
		if (connection != null && (ProtocolErrorProblemHandler.decodingFailed(connection.channel())
				|| connection.isDisposed() || !connection.channel().isActive())) {
			// The connection is closed or closing: its body was not valid HTTP (a bad chunk size,
			// answered 400 by Reactor Netty itself), or the client left. Whatever the application
			// then failed at (reading the body, writing its own answer) cannot be answered and is
			// expected. The connection is disposed, so that what Spring still tries to write fails
			// quietly (Reactor Netty logs errors of a disposed connection at DEBUG).
			logger.debug("Failure on a connection that is closed or closing", ex);
			connection.dispose();
			return Mono.empty();
		}
		ProblemDetail problem = problemFor(ex);
		if (problem == null && ex instanceof NotAcceptableStatusException && malformedAccept(exchange) != null) {
			// Spring could not parse Accept while matching the request, and its 406 could not be
			// negotiated either.
			problem = rejected(malformedAccept(exchange));
		}
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
		if (ex instanceof ServerExchangeRejectedException || ex instanceof InvalidMediaTypeException
				|| invalidMediaType(ex) != null) {
			InvalidMediaTypeException invalid = invalidMediaType(ex);
			return rejected((invalid != null) ? invalid.getMessage() : ex.getMessage());
		}
		return null;
	}

	private static @Nullable Connection connectionOf(ServerWebExchange exchange) {
		Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		return (request instanceof Connection connection) ? connection : null;
	}

	private static ProblemDetail rejected(String reason) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request was rejected: " + reason);
		problem.setTitle("Rejected request");
		return problem;
	}

	private static @Nullable String malformedAccept(ServerWebExchange exchange) {
		try {
			MediaType.parseMediaTypes(exchange.getRequest().getHeaders().get(HttpHeaders.ACCEPT));
			return null;
		}
		catch (InvalidMediaTypeException ex) {
			return "malformed Accept header: " + ex.getMessage();
		}
	}

	/**
	 * A malformed {@code Accept} header met while Spring matches the request (wrapped in a
	 * {@code 406}), or while the controller advice negotiates its answer.
	 */
	private static @Nullable InvalidMediaTypeException invalidMediaType(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidMediaTypeException invalid) {
				return invalid;
			}
		}
		return null;
	}

}
