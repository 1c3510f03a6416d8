package io.blockingbridge.sample.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes a problem detail as the response, for code that answers outside of controllers (the
 * security filter chain's entry point and handlers, exception handlers of the web handler), in the
 * same JSON that Spring writes for controllers.
 */
@Component
public class ProblemResponses {

	private final JsonMapper json;

	ProblemResponses(JsonMapper json) {
		this.json = json.rebuild().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();
	}

	/**
	 * Write the problem as the response: its status, {@code application/problem+json}, and the
	 * request's path as its instance. Other headers are the caller's to set before.
	 * @param exchange the exchange to answer
	 * @param problem the problem
	 * @return completes when the response is written
	 */
	public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
		problem.setInstance(URI.create(exchange.getRequest().getURI().getRawPath()));
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		DataBuffer body = response.bufferFactory()
			.wrap(this.json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(body));
	}

}
