package io.blockingbridge.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeCheckedException;
import io.blockingbridge.core.BridgeSettings;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.client.AbstractStreamingClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.StreamUtils;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * One request of {@link BridgeClientHttpRequestFactory}: sent through the WebClient when RestClient
 * executes it, and awaited through the {@link Bridge}.
 */
final class BridgeClientHttpRequest extends AbstractStreamingClientHttpRequest {

	/** Request bodies are written while they are sent, each by a virtual thread of its own. */
	private static final Executor BODY_WRITERS = (task) -> Thread.ofVirtual().name("bridge-http-body").start(task);

	private static final int BODY_CHUNK_SIZE = 8192;

	private final WebClient webClient;

	private final URI uri;

	private final HttpMethod method;

	private final BridgeSettings settings;

	BridgeClientHttpRequest(WebClient webClient, URI uri, HttpMethod method, BridgeSettings settings) {
		this.webClient = webClient;
		this.uri = uri;
		this.method = method;
		this.settings = settings;
	}

	@Override
	public HttpMethod getMethod() {
		return this.method;
	}

	@Override
	public URI getURI() {
		return this.uri;
	}

	@Override
	protected ClientHttpResponse executeInternal(HttpHeaders headers, @Nullable Body body) throws IOException {
		Duration timeout = this.settings.scopeTimeout();
		HttpRequestDescription description = new HttpRequestDescription(this.method);
		WebClient.RequestBodySpec spec = this.webClient.method(this.method)
			.uri(this.uri)
			.headers((target) -> target.addAll(headers))
			.attributes((attributes) -> attributes.putAll(getAttributes()))
			.httpRequest(description);
		WebClient.RequestHeadersSpec<?> request = (body != null) ? spec.body(streamed(body)) : spec;
		// completes when the response is done with: WebClient then releases what was not read of it
		Sinks.Empty<Void> released = Sinks.empty();
		boolean delivered = false;
		try {
			ClientResponse response = Bridge.await(Bridge.describe(exchange(request, released), description), timeout);
			if (response == null) {
				throw new IOException("The HTTP exchange of " + description + " completed without a response");
			}
			delivered = true;
			return new BridgeClientHttpResponse(response, released, timeout);
		}
		catch (WebClientRequestException ex) {
			throw asIOException(ex);
		}
		catch (BridgeCheckedException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw ex;
		}
		finally {
			if (!delivered) {
				// also a response arriving after the await gave up, which nobody reads
				released.tryEmitEmpty();
			}
		}
	}

	/**
	 * Return a Mono of the response that keeps the exchange open until {@code released} completes,
	 * so that blocking code can read the body after the Mono has completed. Cancelling the Mono
	 * before the response arrives cancels the exchange.
	 */
	private static Mono<ClientResponse> exchange(WebClient.RequestHeadersSpec<?> request, Sinks.Empty<Void> released) {
		return Mono.create((sink) -> {
			AtomicBoolean arrived = new AtomicBoolean();
			Disposable exchange = request.exchangeToMono((response) -> {
				arrived.set(true);
				sink.success(response);
				return released.asMono();
			}).contextWrite(sink.contextView()).subscribe(null, (ex) -> {
				if (!arrived.get()) {
					sink.error(ex);
				}
			});
			sink.onCancel(exchange);
		});
	}

	/** Write the body as the connection asks for it: bounded chunks, never the whole body at once. */
	private static BodyInserter<Object, ReactiveHttpOutputMessage> streamed(Body body) {
		return (message, context) -> message.writeWith(DataBufferUtils.outputStreamPublisher((outputStream) -> {
			try {
				body.writeTo(StreamUtils.nonClosing(outputStream));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}, message.bufferFactory(), BODY_WRITERS, BODY_CHUNK_SIZE));
	}

	/** RestClient reports I/O errors (connect refused, reset) as ResourceAccessException: they are IOExceptions. */
	private static IOException asIOException(WebClientRequestException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof IOException io) {
			return io;
		}
		if (cause instanceof UncheckedIOException unchecked) {
			return unchecked.getCause();
		}
		return new IOException(ex.getMessage(), ex);
	}

}
