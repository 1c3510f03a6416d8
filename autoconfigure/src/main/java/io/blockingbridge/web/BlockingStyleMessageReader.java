package io.blockingbridge.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * A message reader of the application's {@code RequestMappingHandlerAdapter} that brings a decoded
 * single-value request body back to the {@link BlockingStyleRequest} that asked for it, so that its
 * validation (and the {@code @InitBinder} methods it calls) runs on the request's virtual thread.
 * Decoding itself stays where it happens, on the event loop; bodies read outside a blocking-style
 * request, and streamed bodies ({@code Flux} arguments), are left alone.
 *
 * @param <T> the type of objects read
 */
final class BlockingStyleMessageReader<T> implements HttpMessageReader<T> {

	private final HttpMessageReader<T> delegate;

	private final Scheduler requestScheduler;

	BlockingStyleMessageReader(HttpMessageReader<T> delegate, Scheduler requestScheduler) {
		this.delegate = delegate;
		this.requestScheduler = requestScheduler;
	}

	@Override
	public List<MediaType> getReadableMediaTypes() {
		return this.delegate.getReadableMediaTypes();
	}

	@Override
	public List<MediaType> getReadableMediaTypes(ResolvableType elementType) {
		return this.delegate.getReadableMediaTypes(elementType);
	}

	@Override
	public boolean canRead(ResolvableType elementType, @Nullable MediaType mediaType) {
		return this.delegate.canRead(elementType, mediaType);
	}

	@Override
	public Flux<T> read(ResolvableType elementType, ReactiveHttpInputMessage message, Map<String, Object> hints) {
		return this.delegate.read(elementType, message, hints);
	}

	@Override
	public Flux<T> read(ResolvableType actualType, ResolvableType elementType, ServerHttpRequest request,
			ServerHttpResponse response, Map<String, Object> hints) {
		return this.delegate.read(actualType, elementType, request, response, hints);
	}

	@Override
	public Mono<T> readMono(ResolvableType elementType, ReactiveHttpInputMessage message, Map<String, Object> hints) {
		return this.delegate.readMono(elementType, message, hints).publishOn(this.requestScheduler);
	}

	@Override
	public Mono<T> readMono(ResolvableType actualType, ResolvableType elementType, ServerHttpRequest request,
			ServerHttpResponse response, Map<String, Object> hints) {
		return this.delegate.readMono(actualType, elementType, request, response, hints).publishOn(this.requestScheduler);
	}

	static List<HttpMessageReader<?>> wrap(List<HttpMessageReader<?>> readers, Scheduler requestScheduler) {
		return readers.stream().<HttpMessageReader<?>>map((reader) -> wrap(reader, requestScheduler)).toList();
	}

	private static <T> HttpMessageReader<T> wrap(HttpMessageReader<T> reader, Scheduler requestScheduler) {
		return (reader instanceof BlockingStyleMessageReader<T>) ? reader
				: new BlockingStyleMessageReader<>(reader, requestScheduler);
	}

}
