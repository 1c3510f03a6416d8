package io.blockingbridge.sample.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * The {@code 503} of {@link ServerFailureProblems} for a busy database met before any controller
 * runs: when HTTP Basic looks up the user who logs in and no pooled connection is free in time.
 * Ordered before Spring Boot's error handler, which would answer {@code 500}.
 */
@Component
@Order(-2)
class DatabaseBusyWebExceptionHandler implements WebExceptionHandler {

	private static final Log logger = LogFactory.getLog(DatabaseBusyWebExceptionHandler.class);

	private final JsonMapper json;

	DatabaseBusyWebExceptionHandler(JsonMapper json) {
		this.json = json.rebuild().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (!ServerFailureProblems.isDatabaseBusy(ex) || response.isCommitted()) {
			return Mono.error(ex);
		}
		logger.debug("Database busy", ex);
		ProblemDetail problem = ServerFailureProblems.databaseBusyProblem();
		problem.setInstance(URI.create(exchange.getRequest().getURI().getRawPath()));
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, ServerFailureProblems.RETRY_AFTER_SECONDS);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		DataBuffer body = response.bufferFactory()
			.wrap(this.json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(body));
	}

}
