package io.blockingbridge.web;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.codec.AbstractDataBufferDecoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.DecoderHttpMessageReader;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * Reads the body of a blocking-style request before the request asks the admission limit for a
 * permit, so that a client that sends its body slowly (or stops halfway) holds no permit while it
 * does. Only bodies whose {@code Content-Length} is declared and no larger than the codecs'
 * in-memory limit are read ahead; chunked and larger bodies, and form and multipart bodies (which
 * the exchange reads itself), are left to stream as before.
 */
final class BlockingStyleRequestBody {

	/** Spring's default in-memory limit of codecs, used when no reader tells its own. */
	private static final int DEFAULT_LIMIT = 256 * 1024;

	private BlockingStyleRequestBody() {
	}

	/**
	 * Whether the given request's body is read ahead of the admission limit.
	 * @param request the request
	 * @param limit the most bytes to read ahead
	 * @return whether it is
	 */
	static boolean readsAhead(ServerHttpRequest request, int limit) {
		long length = request.getHeaders().getContentLength();
		if (length <= 0 || length > limit) {
			return false;
		}
		MediaType contentType = request.getHeaders().getContentType();
		return contentType == null || !(MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(contentType)
				|| "multipart".equalsIgnoreCase(contentType.getType()));
	}

	/**
	 * Read the given request's whole body and return a request that replays it.
	 * @param request the request, for which {@link #readsAhead} holds
	 * @param limit the most bytes to read
	 * @return the request with its body in memory
	 */
	static Mono<ServerHttpRequest> readAhead(ServerHttpRequest request, int limit) {
		return DataBufferUtils.join(request.getBody(), limit).map((joined) -> {
			byte[] bytes = new byte[joined.readableByteCount()];
			joined.read(bytes);
			DataBufferUtils.release(joined);
			return new ReadBody(request, bytes);
		});
	}

	/**
	 * The in-memory limit of the given readers: the largest one a decoder tells, else Spring's
	 * default.
	 * @param readers the application's message readers
	 * @return the limit in bytes
	 */
	static int limit(List<HttpMessageReader<?>> readers) {
		int limit = -1;
		for (HttpMessageReader<?> reader : readers) {
			if (reader instanceof DecoderHttpMessageReader<?> decoderReader
					&& decoderReader.getDecoder() instanceof AbstractDataBufferDecoder<?> decoder) {
				limit = Math.max(limit, decoder.getMaxInMemorySize());
			}
		}
		return (limit >= 0) ? limit : DEFAULT_LIMIT;
	}

	/** A request whose body has been read into memory. */
	private static final class ReadBody extends ServerHttpRequestDecorator {

		private final byte[] body;

		ReadBody(ServerHttpRequest delegate, byte[] body) {
			super(delegate);
			this.body = body;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(this.body)));
		}

	}

}
