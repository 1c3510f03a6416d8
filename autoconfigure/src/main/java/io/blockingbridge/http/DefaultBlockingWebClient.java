package io.blockingbridge.http;

import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeSettings;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;

/**
 * The {@link BlockingWebClient} implementation: builds each request on the WebClient and awaits it
 * through the {@link Bridge}.
 */
final class DefaultBlockingWebClient implements BlockingWebClient {

	private final WebClient webClient;

	private final @Nullable Duration timeout;

	/** The settings of the application the client belongs to, for requests without a limit. */
	private final BridgeSettings settings;

	DefaultBlockingWebClient(WebClient webClient, @Nullable Duration timeout, BridgeSettings settings) {
		this.webClient = webClient;
		this.timeout = timeout;
		this.settings = settings;
	}

	@Override
	public RequestHeadersUriSpec<?> get() {
		return method(HttpMethod.GET);
	}

	@Override
	public RequestHeadersUriSpec<?> head() {
		return method(HttpMethod.HEAD);
	}

	@Override
	public RequestBodyUriSpec post() {
		return method(HttpMethod.POST);
	}

	@Override
	public RequestBodyUriSpec put() {
		return method(HttpMethod.PUT);
	}

	@Override
	public RequestBodyUriSpec patch() {
		return method(HttpMethod.PATCH);
	}

	@Override
	public RequestHeadersUriSpec<?> delete() {
		return method(HttpMethod.DELETE);
	}

	@Override
	public RequestHeadersUriSpec<?> options() {
		return method(HttpMethod.OPTIONS);
	}

	@Override
	public RequestBodyUriSpec method(HttpMethod method) {
		return new DefaultRequestSpec(this.webClient.method(method), method, this.timeout, this.settings);
	}

	@Override
	public @Nullable Duration getTimeout() {
		return this.timeout;
	}

	@Override
	public WebClient getWebClient() {
		return this.webClient;
	}

	@Override
	public Builder mutate() {
		Builder builder = new DefaultBlockingWebClientBuilder(this.webClient.mutate(), this.settings);
		return (this.timeout != null) ? builder.timeout(this.timeout) : builder;
	}

	BridgeSettings settings() {
		return this.settings;
	}

	@Override
	public String toString() {
		return "BlockingWebClient[" + this.webClient + "]";
	}

	/** Collects one request's settings on a WebClient request spec. */
	private static final class DefaultRequestSpec implements RequestBodyUriSpec {

		private WebClient.RequestBodySpec spec;

		private @Nullable Duration timeout;

		private @Nullable Object body;

		private @Nullable ParameterizedTypeReference<?> bodyType;

		private final HttpRequestDescription description;

		private final BridgeSettings settings;

		DefaultRequestSpec(WebClient.RequestBodyUriSpec spec, HttpMethod method, @Nullable Duration timeout,
				BridgeSettings settings) {
			this.spec = spec;
			this.timeout = timeout;
			this.settings = settings;
			this.description = new HttpRequestDescription(method);
		}

		private WebClient.RequestBodyUriSpec uriSpec() {
			if (!(this.spec instanceof WebClient.RequestBodyUriSpec uriSpec)) {
				throw new IllegalStateException("The URI of this request was set already");
			}
			return uriSpec;
		}

		@Override
		public RequestBodySpec uri(URI uri) {
			this.spec = uriSpec().uri(uri);
			return this;
		}

		@Override
		public RequestBodySpec uri(String uri, @Nullable Object... uriVariables) {
			this.spec = uriSpec().uri(uri, uriVariables);
			return this;
		}

		@Override
		public RequestBodySpec uri(String uri, Map<String, ?> uriVariables) {
			this.spec = uriSpec().uri(uri, uriVariables);
			return this;
		}

		@Override
		public RequestBodySpec uri(String uri, Function<UriBuilder, URI> uriFunction) {
			this.spec = uriSpec().uri(uri, uriFunction);
			return this;
		}

		@Override
		public RequestBodySpec uri(Function<UriBuilder, URI> uriFunction) {
			this.spec = uriSpec().uri(uriFunction);
			return this;
		}

		@Override
		public RequestBodySpec accept(MediaType... acceptableMediaTypes) {
			this.spec.accept(acceptableMediaTypes);
			return this;
		}

		@Override
		public RequestBodySpec acceptCharset(Charset... acceptableCharsets) {
			this.spec.acceptCharset(acceptableCharsets);
			return this;
		}

		@Override
		public RequestBodySpec cookie(String name, String value) {
			this.spec.cookie(name, value);
			return this;
		}

		@Override
		public RequestBodySpec cookies(Consumer<MultiValueMap<String, String>> cookiesConsumer) {
			this.spec.cookies(cookiesConsumer);
			return this;
		}

		@Override
		public RequestBodySpec ifModifiedSince(ZonedDateTime ifModifiedSince) {
			this.spec.ifModifiedSince(ifModifiedSince);
			return this;
		}

		@Override
		public RequestBodySpec ifNoneMatch(String... ifNoneMatches) {
			this.spec.ifNoneMatch(ifNoneMatches);
			return this;
		}

		@Override
		public RequestBodySpec header(String headerName, String... headerValues) {
			this.spec.header(headerName, headerValues);
			return this;
		}

		@Override
		public RequestBodySpec headers(Consumer<HttpHeaders> headersConsumer) {
			this.spec.headers(headersConsumer);
			return this;
		}

		@Override
		public RequestBodySpec attribute(String name, Object value) {
			this.spec.attribute(name, value);
			return this;
		}

		@Override
		public RequestBodySpec attributes(Consumer<Map<String, Object>> attributesConsumer) {
			this.spec.attributes(attributesConsumer);
			return this;
		}

		@Override
		public RequestBodySpec timeout(Duration timeout) {
			this.timeout = HttpClientChecks.nonNegativeTimeout(timeout);
			return this;
		}

		@Override
		public RequestBodySpec contentLength(long contentLength) {
			this.spec.contentLength(contentLength);
			return this;
		}

		@Override
		public RequestBodySpec contentType(MediaType contentType) {
			this.spec.contentType(contentType);
			return this;
		}

		@Override
		public RequestBodySpec body(Object body) {
			this.body = body;
			this.bodyType = null;
			return this;
		}

		@Override
		public <T> RequestBodySpec body(T body, ParameterizedTypeReference<T> bodyType) {
			this.body = body;
			this.bodyType = bodyType;
			return this;
		}

		@Override
		public ResponseSpec retrieve() {
			return new DefaultResponseSpec(this);
		}

		@Override
		public <T extends @Nullable Object> T exchange(ExchangeFunction<T> exchangeFunction) {
			Duration timeout = effectiveTimeout();
			Sinks.Empty<Void> handled = Sinks.empty();
			try {
				ClientResponse response = Bridge.await(
						Bridge.describe(exchangeUntil(handled.asMono()), this.description), timeout);
				if (response == null) {
					throw new IllegalStateException("The WebClient completed without a response");
				}
				return exchangeFunction.exchange(response.request(),
						new DefaultBlockingClientResponse(response, timeout));
			}
			finally {
				// WebClient releases (drains) a body the function did not read, asynchronously; also
				// that of a response arriving after the await gave up, which nobody reads
				handled.tryEmitEmpty();
			}
		}

		/**
		 * Return a Mono of the response that keeps the exchange open until {@code handled}
		 * completes, so that blocking code can read the body after the Mono has completed.
		 * Cancelling the Mono before the response arrives cancels the exchange.
		 */
		private Mono<ClientResponse> exchangeUntil(Mono<Void> handled) {
			WebClient.RequestHeadersSpec<?> request = prepared();
			return Mono.create((sink) -> {
				AtomicBoolean arrived = new AtomicBoolean();
				Disposable exchange = request.exchangeToMono((response) -> {
					arrived.set(true);
					sink.success(response);
					return handled;
				}).contextWrite(sink.contextView()).subscribe(null, (ex) -> {
					if (!arrived.get()) {
						sink.error(ex);
					}
				});
				sink.onCancel(exchange);
			});
		}

		WebClient.RequestHeadersSpec<?> prepared() {
			WebClient.RequestBodySpec spec = this.spec.httpRequest(this.description);
			Object body = this.body;
			if (body == null) {
				return spec;
			}
			ParameterizedTypeReference<?> bodyType = this.bodyType;
			return (bodyType != null) ? spec.bodyValue(body, castType(bodyType)) : spec.bodyValue(body);
		}

		@SuppressWarnings("unchecked")
		private static ParameterizedTypeReference<Object> castType(ParameterizedTypeReference<?> type) {
			return (ParameterizedTypeReference<Object>) type;
		}

		Duration effectiveTimeout() {
			return (this.timeout != null) ? this.timeout : this.settings.scopeTimeout();
		}

	}

	/** Extracts a response through WebClient's {@code retrieve()}. */
	private static final class DefaultResponseSpec implements ResponseSpec {

		private final DefaultRequestSpec request;

		private final List<StatusHandler> statusHandlers = new ArrayList<>(1);

		DefaultResponseSpec(DefaultRequestSpec request) {
			this.request = request;
		}

		@Override
		public ResponseSpec onStatus(Predicate<HttpStatusCode> statusPredicate, ErrorHandler errorHandler) {
			this.statusHandlers.add(new StatusHandler(statusPredicate, errorHandler));
			return this;
		}

		@Override
		public <T> @Nullable T body(Class<T> bodyType) {
			return await(retrieved(timeout()).bodyToMono(bodyType));
		}

		@Override
		public <T> @Nullable T body(ParameterizedTypeReference<T> bodyType) {
			return await(retrieved(timeout()).bodyToMono(bodyType));
		}

		@Override
		public <T> T requiredBody(Class<T> bodyType) {
			return requiredBody(body(bodyType));
		}

		@Override
		public <T> T requiredBody(ParameterizedTypeReference<T> bodyType) {
			return requiredBody(body(bodyType));
		}

		@Override
		public <T> ResponseEntity<T> toEntity(Class<T> bodyType) {
			return HttpClientChecks.requiredResponse(await(retrieved(timeout()).toEntity(bodyType)));
		}

		@Override
		public <T> ResponseEntity<T> toEntity(ParameterizedTypeReference<T> bodyType) {
			return HttpClientChecks.requiredResponse(await(retrieved(timeout()).toEntity(bodyType)));
		}

		@Override
		public ResponseEntity<Void> toBodilessEntity() {
			return HttpClientChecks.requiredResponse(await(retrieved(timeout()).toBodilessEntity()));
		}

		@Override
		public <T> Stream<T> bodyStream(Class<T> elementType) {
			return stream(retrieved(timeout()).bodyToFlux(elementType));
		}

		@Override
		public <T> Stream<T> bodyStream(ParameterizedTypeReference<T> elementType) {
			return stream(retrieved(timeout()).bodyToFlux(elementType));
		}

		private Duration timeout() {
			return this.request.effectiveTimeout();
		}

		private WebClient.ResponseSpec retrieved(Duration timeout) {
			WebClient.ResponseSpec spec = this.request.prepared().retrieve();
			for (StatusHandler handler : this.statusHandlers) {
				spec = spec.onStatus(handler.predicate(), (response) -> Bridge.<Throwable>spawn(() -> {
					handler.handler().handle(response.request(), new DefaultBlockingClientResponse(response, timeout));
					return null;
				}));
			}
			return spec;
		}

		private <T> @Nullable T await(Mono<T> mono) {
			return Bridge.await(Bridge.describe(mono, this.request.description), timeout());
		}

		private <T> Stream<T> stream(Flux<T> flux) {
			return Bridge.stream(flux, timeout());
		}

		private static <T> T requiredBody(@Nullable T body) {
			if (body == null) {
				throw new IllegalStateException("The response had no body; use body(..) where none is fine");
			}
			return body;
		}

		private record StatusHandler(Predicate<HttpStatusCode> predicate, ErrorHandler handler) {
		}

	}

}
