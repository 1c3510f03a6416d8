package io.blockingbridge.http;

import java.time.Duration;

import io.blockingbridge.core.Bridge;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * A {@link BlockingClientResponse} that awaits the reads of a WebClient {@link ClientResponse},
 * each within the request's time limit.
 */
final class DefaultBlockingClientResponse implements BlockingClientResponse {

	private final ClientResponse response;

	private final Duration timeout;

	DefaultBlockingClientResponse(ClientResponse response, Duration timeout) {
		this.response = response;
		this.timeout = timeout;
	}

	@Override
	public HttpStatusCode statusCode() {
		return this.response.statusCode();
	}

	@Override
	public HttpHeaders headers() {
		return this.response.headers().asHttpHeaders();
	}

	@Override
	public MultiValueMap<String, ResponseCookie> cookies() {
		return this.response.cookies();
	}

	@Override
	public <T> @Nullable T bodyTo(Class<T> bodyType) {
		return await(this.response.bodyToMono(bodyType));
	}

	@Override
	public <T> @Nullable T bodyTo(ParameterizedTypeReference<T> bodyType) {
		return await(this.response.bodyToMono(bodyType));
	}

	@Override
	public <T> ResponseEntity<T> toEntity(Class<T> bodyType) {
		return HttpClientChecks.requiredResponse(await(this.response.toEntity(bodyType)));
	}

	@Override
	public ResponseEntity<Void> toBodilessEntity() {
		return HttpClientChecks.requiredResponse(await(this.response.toBodilessEntity()));
	}

	@Override
	public WebClientResponseException createException() {
		return HttpClientChecks.requiredResponse(await(this.response.createException()));
	}

	@Override
	public ClientResponse getClientResponse() {
		return this.response;
	}

	private <T> @Nullable T await(Mono<T> mono) {
		return Bridge.await(mono, this.timeout);
	}

	@Override
	public String toString() {
		return "BlockingClientResponse[" + this.response.statusCode() + "]";
	}

}
