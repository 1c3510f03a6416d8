package io.blockingbridge.http;

import java.io.InputStream;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Sinks;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * The response of a {@link BridgeClientHttpRequest}: a WebClient response whose body is read as an
 * {@link InputStream} with backpressure ({@link ResponseBodyInputStream}).
 */
final class BridgeClientHttpResponse implements ClientHttpResponse {

	private final ClientResponse response;

	private final Sinks.Empty<Void> released;

	private final Duration timeout;

	private @Nullable ResponseBodyInputStream body;

	BridgeClientHttpResponse(ClientResponse response, Sinks.Empty<Void> released, Duration timeout) {
		this.response = response;
		this.released = released;
		this.timeout = timeout;
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return this.response.statusCode();
	}

	/**
	 * Return the standard reason phrase of the status code: WebClient does not expose the one the
	 * server sent.
	 */
	@Override
	public String getStatusText() {
		HttpStatus status = HttpStatus.resolve(this.response.statusCode().value());
		return (status != null) ? status.getReasonPhrase() : "";
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.response.headers().asHttpHeaders();
	}

	@Override
	public InputStream getBody() {
		ResponseBodyInputStream body = this.body;
		if (body == null) {
			// WebClient releases what is left of the exchange when the body ends, fails or is closed
			body = new ResponseBodyInputStream(this.response.bodyToFlux(DataBuffer.class)
				.doFinally((signal) -> this.released.tryEmitEmpty()), this.timeout, this.released::tryEmitEmpty);
			this.body = body;
		}
		return body;
	}

	/**
	 * Close the response: a body read to its end leaves the connection to the pool; a body closed
	 * before its end cancels the exchange (the connection is closed and its place in the pool freed);
	 * a body never asked for is drained by WebClient in the background.
	 */
	@Override
	public void close() {
		ResponseBodyInputStream body = this.body;
		if (body != null) {
			body.close();
		}
		this.released.tryEmitEmpty();
	}

}
