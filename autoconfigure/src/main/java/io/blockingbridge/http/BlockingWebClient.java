package io.blockingbridge.http;

import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.blockingbridge.core.BridgeSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;
import org.springframework.web.util.UriBuilderFactory;

/**
 * A blocking-style HTTP client with the API of Spring's {@code RestClient}, running on a reactive
 * {@link WebClient}: the application's Reactor Netty connection pool, codecs, filters and
 * observations do the work while the calling (virtual) thread waits through
 * {@link io.blockingbridge.core.Bridge}.
 * <pre class="code">
 * Person person = client.get()
 *     .uri("/people/{id}", id)
 *     .accept(MediaType.APPLICATION_JSON)
 *     .retrieve()
 *     .body(Person.class);
 * </pre>
 * <ul>
 * <li><b>Context:</b> each request is subscribed with the Reactor Context of the caller's
 * {@link io.blockingbridge.core.BridgeScope}, so the WebClient's filters see the current request's
 * values (tenant, security, tracing).</li>
 * <li><b>Errors:</b> a 4xx or 5xx status becomes the matching
 * {@link org.springframework.web.reactive.function.client.WebClientResponseException} subclass
 * (with status, headers and body) unless an {@link ResponseSpec#onStatus onStatus} handler decides
 * otherwise; a failure to connect or send is a
 * {@link org.springframework.web.reactive.function.client.WebClientRequestException}. Both are
 * thrown as they are, with a suppressed entry showing the caller's frames.</li>
 * <li><b>Time limits:</b> {@link RequestHeadersSpec#timeout(Duration) per request}, else the
 * client's {@link Builder#timeout(Duration) default}, else the bridge scope's, or outside of any
 * scope the {@code bridge.timeout} of the application the client belongs to (docs/bridge.md, "Time
 * limits"). On expiry, on interrupt of the waiting thread and when the request the
 * caller serves is abandoned, the exchange is cancelled and its connection released or closed.</li>
 * <li><b>Threads:</b> it must not be used on an event loop: there every call throws
 * {@link io.blockingbridge.core.BridgeUsageException}.</li>
 * </ul>
 * Instances are immutable and thread-safe. Create one with {@link #create(WebClient)} or, in an
 * application, from the auto-configured prototype {@link Builder} bean, which starts from the
 * application's {@code WebClient.Builder}.
 */
public interface BlockingWebClient {

	/**
	 * Start building a GET request.
	 * @return a spec for specifying the target URL
	 */
	RequestHeadersUriSpec<?> get();

	/**
	 * Start building a HEAD request.
	 * @return a spec for specifying the target URL
	 */
	RequestHeadersUriSpec<?> head();

	/**
	 * Start building a POST request.
	 * @return a spec for specifying the target URL
	 */
	RequestBodyUriSpec post();

	/**
	 * Start building a PUT request.
	 * @return a spec for specifying the target URL
	 */
	RequestBodyUriSpec put();

	/**
	 * Start building a PATCH request.
	 * @return a spec for specifying the target URL
	 */
	RequestBodyUriSpec patch();

	/**
	 * Start building a DELETE request.
	 * @return a spec for specifying the target URL
	 */
	RequestHeadersUriSpec<?> delete();

	/**
	 * Start building an OPTIONS request.
	 * @return a spec for specifying the target URL
	 */
	RequestHeadersUriSpec<?> options();

	/**
	 * Start building a request for the given method.
	 * @param method the HTTP method
	 * @return a spec for specifying the target URL
	 */
	RequestBodyUriSpec method(HttpMethod method);

	/**
	 * Return the reactive client this one runs on, for code that wants a publisher.
	 * @return the underlying WebClient
	 */
	WebClient getWebClient();

	/**
	 * Return the time limit this client gives requests that set none of their own, as set with
	 * {@link Builder#timeout(Duration)}. Code that performs requests on {@link #getWebClient()} (such
	 * as {@link BlockingHttpInterfaces}) uses it to await them under the same limit.
	 * @return the client's time limit (zero means none), or {@code null} if its requests use the
	 * caller's bridge scope's ({@code bridge.timeout})
	 */
	@Nullable Duration getTimeout();

	/**
	 * Return a builder for a new client initialized with this one's settings.
	 * @return a builder starting from this client
	 */
	Builder mutate();

	/**
	 * Create a blocking client running on the given WebClient.
	 * @param webClient the reactive client to run on
	 * @return the blocking client
	 */
	static BlockingWebClient create(WebClient webClient) {
		return new DefaultBlockingWebClient(webClient, null, BridgeSettings.defaults());
	}

	/**
	 * Create a blocking client on a default WebClient with the given base URL.
	 * @param baseUrl the base URL of all requests
	 * @return the blocking client
	 */
	static BlockingWebClient create(String baseUrl) {
		return builder().baseUrl(baseUrl).build();
	}

	/**
	 * Return a builder starting from a default {@code WebClient.builder()}. In an application,
	 * prefer the auto-configured builder bean, which applies the application's customizers.
	 * @return a new builder
	 */
	static Builder builder() {
		return new DefaultBlockingWebClientBuilder(WebClient.builder(), BridgeSettings.defaults());
	}

	/**
	 * Return a builder starting from the given WebClient builder, whose codecs, filters, connector
	 * and observation settings the client then uses. The given builder is cloned, not modified.
	 * @param webClientBuilder the reactive client builder to start from
	 * @return a new builder
	 */
	static Builder builder(WebClient.Builder webClientBuilder) {
		return builder(webClientBuilder, BridgeSettings.defaults());
	}

	/**
	 * Return a builder starting from the given WebClient builder, like
	 * {@link #builder(WebClient.Builder)}, for a client of the application with the given settings:
	 * requests without a limit of their own, outside of any bridge scope, get that application's
	 * {@code bridge.timeout} (docs/bridge.md, "Time limits"). The auto-configured builder bean is
	 * created this way.
	 * @param webClientBuilder the reactive client builder to start from
	 * @param settings the settings of the application the client belongs to
	 * @return a new builder
	 */
	static Builder builder(WebClient.Builder webClientBuilder, BridgeSettings settings) {
		return new DefaultBlockingWebClientBuilder(webClientBuilder.clone(), settings);
	}

	/**
	 * A mutable builder of a {@link BlockingWebClient}.
	 */
	interface Builder {

		/**
		 * Set the base URL that relative request URIs are resolved against.
		 * @param baseUrl the base URL
		 * @return this builder
		 * @see WebClient.Builder#baseUrl(String)
		 */
		Builder baseUrl(String baseUrl);

		/**
		 * Set the base URL that relative request URIs are resolved against.
		 * @param baseUrl the base URL
		 * @return this builder
		 */
		Builder baseUrl(URI baseUrl);

		/**
		 * Set URI template variables to use when expanding every request's URI template.
		 * @param defaultUriVariables the default variables
		 * @return this builder
		 */
		Builder defaultUriVariables(Map<String, ?> defaultUriVariables);

		/**
		 * Use the given factory to expand URI templates, instead of one built from the base URL.
		 * @param uriBuilderFactory the factory to use
		 * @return this builder
		 */
		Builder uriBuilderFactory(UriBuilderFactory uriBuilderFactory);

		/**
		 * Add a header to every request unless the request sets it.
		 * @param header the header name
		 * @param values the header values
		 * @return this builder
		 */
		Builder defaultHeader(String header, String... values);

		/**
		 * Manipulate the default headers of every request.
		 * @param headersConsumer a consumer of the default headers
		 * @return this builder
		 */
		Builder defaultHeaders(Consumer<HttpHeaders> headersConsumer);

		/**
		 * Add a cookie to every request unless the request sets it.
		 * @param cookie the cookie name
		 * @param values the cookie values
		 * @return this builder
		 */
		Builder defaultCookie(String cookie, String... values);

		/**
		 * Manipulate the default cookies of every request.
		 * @param cookiesConsumer a consumer of the default cookies
		 * @return this builder
		 */
		Builder defaultCookies(Consumer<MultiValueMap<String, String>> cookiesConsumer);

		/**
		 * Add a filter to the underlying WebClient's exchanges. Filters are reactive: read request
		 * scoped values with {@code Mono.deferContextual}, they see the caller's bridge scope.
		 * @param filter the filter to add
		 * @return this builder
		 */
		Builder filter(ExchangeFilterFunction filter);

		/**
		 * Manipulate the list of filters of the underlying WebClient.
		 * @param filtersConsumer a consumer of the filter list
		 * @return this builder
		 */
		Builder filters(Consumer<List<ExchangeFilterFunction>> filtersConsumer);

		/**
		 * Set the time limit of requests that set none of their own, instead of the bridge
		 * scope's ({@code bridge.timeout}).
		 * @param timeout the limit; zero means none
		 * @return this builder
		 */
		Builder timeout(Duration timeout);

		/**
		 * Configure the underlying WebClient builder directly, for settings this builder does not
		 * name: codecs, client connector, exchange strategies, observation.
		 * @param webClientBuilderConsumer a consumer of the WebClient builder
		 * @return this builder
		 */
		Builder webClient(Consumer<WebClient.Builder> webClientBuilderConsumer);

		/**
		 * Apply the given consumer to this builder, to group settings.
		 * @param builderConsumer the consumer to apply
		 * @return this builder
		 */
		Builder apply(Consumer<Builder> builderConsumer);

		/**
		 * Return a copy of this builder.
		 * @return the copy
		 */
		Builder clone();

		/**
		 * Build the client.
		 * @return the blocking client
		 */
		BlockingWebClient build();

	}

	/**
	 * Specifies the URI of a request.
	 *
	 * @param <S> the spec type returned
	 */
	interface UriSpec<S extends RequestHeadersSpec<?>> {

		/**
		 * Use the given URI as it is.
		 * @param uri the URI
		 * @return the spec for headers and the exchange
		 */
		S uri(URI uri);

		/**
		 * Use a URI template, expanded with the given variables and resolved against the base URL.
		 * @param uri the URI template
		 * @param uriVariables the values of the template's variables, in order
		 * @return the spec for headers and the exchange
		 */
		S uri(String uri, @Nullable Object... uriVariables);

		/**
		 * Use a URI template, expanded with the given variables and resolved against the base URL.
		 * @param uri the URI template
		 * @param uriVariables the values of the template's variables by name
		 * @return the spec for headers and the exchange
		 */
		S uri(String uri, Map<String, ?> uriVariables);

		/**
		 * Build the URI from a URI template with a {@link UriBuilder}.
		 * @param uri the URI template
		 * @param uriFunction the function that builds the URI
		 * @return the spec for headers and the exchange
		 */
		S uri(String uri, Function<UriBuilder, URI> uriFunction);

		/**
		 * Build the URI with a {@link UriBuilder} starting from the base URL.
		 * @param uriFunction the function that builds the URI
		 * @return the spec for headers and the exchange
		 */
		S uri(Function<UriBuilder, URI> uriFunction);

	}

	/**
	 * Specifies the headers and attributes of a request, and performs it.
	 *
	 * @param <S> the spec type returned
	 */
	interface RequestHeadersSpec<S extends RequestHeadersSpec<S>> {

		/**
		 * Set the acceptable media types ({@code Accept} header).
		 * @param acceptableMediaTypes the acceptable media types
		 * @return this spec
		 */
		S accept(MediaType... acceptableMediaTypes);

		/**
		 * Set the acceptable charsets ({@code Accept-Charset} header).
		 * @param acceptableCharsets the acceptable charsets
		 * @return this spec
		 */
		S acceptCharset(Charset... acceptableCharsets);

		/**
		 * Add a cookie.
		 * @param name the cookie name
		 * @param value the cookie value
		 * @return this spec
		 */
		S cookie(String name, String value);

		/**
		 * Manipulate the request's cookies.
		 * @param cookiesConsumer a consumer of the cookies
		 * @return this spec
		 */
		S cookies(Consumer<MultiValueMap<String, String>> cookiesConsumer);

		/**
		 * Set the {@code If-Modified-Since} header.
		 * @param ifModifiedSince the header value
		 * @return this spec
		 */
		S ifModifiedSince(ZonedDateTime ifModifiedSince);

		/**
		 * Set the {@code If-None-Match} header.
		 * @param ifNoneMatches the header values
		 * @return this spec
		 */
		S ifNoneMatch(String... ifNoneMatches);

		/**
		 * Add a header.
		 * @param headerName the header name
		 * @param headerValues the header values
		 * @return this spec
		 */
		S header(String headerName, String... headerValues);

		/**
		 * Manipulate the request's headers.
		 * @param headersConsumer a consumer of the headers
		 * @return this spec
		 */
		S headers(Consumer<HttpHeaders> headersConsumer);

		/**
		 * Set a request attribute, which filters can read.
		 * @param name the attribute name
		 * @param value the attribute value
		 * @return this spec
		 */
		S attribute(String name, Object value);

		/**
		 * Manipulate the request's attributes.
		 * @param attributesConsumer a consumer of the attributes
		 * @return this spec
		 */
		S attributes(Consumer<Map<String, Object>> attributesConsumer);

		/**
		 * Set the time limit of this request, instead of the client's or bridge scope's. On expiry
		 * the exchange is cancelled, its connection closed, and a
		 * {@link io.blockingbridge.core.BridgeTimeoutException} thrown.
		 * @param timeout the limit; zero means none
		 * @return this spec
		 */
		S timeout(Duration timeout);

		/**
		 * Declare how to extract the response. Nothing is sent until one of the returned spec's
		 * terminal methods is called.
		 * @return the spec for the response
		 */
		ResponseSpec retrieve();

		/**
		 * Perform the request and hand the response to the given function on the calling thread;
		 * its result is returned. The function decides what a status means: no exception is thrown
		 * for 4xx and 5xx unless it throws one (see
		 * {@link BlockingClientResponse#createException()}). A body the function does not read is
		 * drained and released after it returns. The time limit applies to the response's arrival
		 * and to each body read.
		 * @param <T> the type of the result
		 * @param exchangeFunction the function handling the response
		 * @return the function's result
		 */
		<T extends @Nullable Object> T exchange(ExchangeFunction<T> exchangeFunction);

	}

	/**
	 * Specifies the body of a request, in addition to its headers.
	 */
	interface RequestBodySpec extends RequestHeadersSpec<RequestBodySpec> {

		/**
		 * Set the {@code Content-Length} header.
		 * @param contentLength the length of the body in bytes
		 * @return this spec
		 */
		RequestBodySpec contentLength(long contentLength);

		/**
		 * Set the {@code Content-Type} header, which selects the encoder of the body.
		 * @param contentType the media type of the body
		 * @return this spec
		 */
		RequestBodySpec contentType(MediaType contentType);

		/**
		 * Set the body, encoded by the WebClient's codecs.
		 * @param body the body
		 * @return this spec
		 */
		RequestBodySpec body(Object body);

		/**
		 * Set the body, encoded by the WebClient's codecs with the given generic type.
		 * @param <T> the type of the body
		 * @param body the body
		 * @param bodyType the type of the body
		 * @return this spec
		 */
		<T> RequestBodySpec body(T body, ParameterizedTypeReference<T> bodyType);

	}

	/**
	 * Specifies how to extract a response; each terminal method performs the request.
	 */
	interface ResponseSpec {

		/**
		 * Handle responses whose status matches the given predicate with the given handler,
		 * before the default handling of 4xx and 5xx. If the handler throws, that exception is
		 * thrown to the caller; if it returns, the response is treated as a normal one. Handlers run
		 * in the order they were added; the handler runs on a virtual thread in a bridge scope
		 * with the caller's Reactor Context.
		 * @param statusPredicate which statuses to handle
		 * @param errorHandler the handler
		 * @return this spec
		 */
		ResponseSpec onStatus(Predicate<HttpStatusCode> statusPredicate, ErrorHandler errorHandler);

		/**
		 * Perform the request and decode the body.
		 * @param <T> the body type
		 * @param bodyType the body type
		 * @return the body, or {@code null} if the response had none
		 */
		<T> @Nullable T body(Class<T> bodyType);

		/**
		 * Perform the request and decode the body.
		 * @param <T> the body type
		 * @param bodyType the body type
		 * @return the body, or {@code null} if the response had none
		 */
		<T> @Nullable T body(ParameterizedTypeReference<T> bodyType);

		/**
		 * Perform the request and decode the body, which must be there.
		 * @param <T> the body type
		 * @param bodyType the body type
		 * @return the body
		 * @throws IllegalStateException if the response had no body
		 */
		<T> T requiredBody(Class<T> bodyType);

		/**
		 * Perform the request and decode the body, which must be there.
		 * @param <T> the body type
		 * @param bodyType the body type
		 * @return the body
		 * @throws IllegalStateException if the response had no body
		 */
		<T> T requiredBody(ParameterizedTypeReference<T> bodyType);

		/**
		 * Perform the request and return status, headers and decoded body.
		 * @param <T> the body type
		 * @param bodyType the body type
		 * @return the response entity
		 */
		<T> ResponseEntity<T> toEntity(Class<T> bodyType);

		/**
		 * Perform the request and return status, headers and decoded body.
		 * @param <T> the body type
		 * @param bodyType the body type
		 * @return the response entity
		 */
		<T> ResponseEntity<T> toEntity(ParameterizedTypeReference<T> bodyType);

		/**
		 * Perform the request, release the body, and return status and headers.
		 * @return the response entity without a body
		 */
		ResponseEntity<Void> toBodilessEntity();

		/**
		 * Perform the request and return the body's elements as they arrive (JSON lines or
		 * {@code application/x-ndjson}, server-sent events, a JSON array), with backpressure.
		 * Closing the stream cancels the exchange and closes its connection: use it in a
		 * try-with-resources block unless it is always read to its end. The time limit applies to
		 * the wait for each element.
		 * @param <T> the element type
		 * @param elementType the element type
		 * @return a stream of the elements
		 */
		<T> Stream<T> bodyStream(Class<T> elementType);

		/**
		 * Perform the request and return the body's elements as they arrive, with backpressure;
		 * use {@code new ParameterizedTypeReference<ServerSentEvent<T>>() {}} to see whole
		 * server-sent events. Closing the stream cancels the exchange.
		 * @param <T> the element type
		 * @param elementType the element type
		 * @return a stream of the elements
		 * @see #bodyStream(Class)
		 */
		<T> Stream<T> bodyStream(ParameterizedTypeReference<T> elementType);

		/**
		 * Handles a response whose status an {@link #onStatus onStatus} predicate matched.
		 */
		@FunctionalInterface
		interface ErrorHandler {

			/**
			 * Handle the response, typically by throwing an exception.
			 * @param request the request that was sent
			 * @param response the response, whose body may be read
			 */
			void handle(HttpRequest request, BlockingClientResponse response);

		}

	}

	/**
	 * Turns a response into a value, for {@link RequestHeadersSpec#exchange exchange}.
	 *
	 * @param <T> the type of the value
	 */
	@FunctionalInterface
	interface ExchangeFunction<T extends @Nullable Object> {

		/**
		 * Turn the response into a value.
		 * @param request the request that was sent
		 * @param response the response
		 * @return the value
		 */
		T exchange(HttpRequest request, BlockingClientResponse response);

	}

	/**
	 * Specifies the URI, headers and attributes of a request without a body.
	 *
	 * @param <S> the spec type returned
	 */
	interface RequestHeadersUriSpec<S extends RequestHeadersSpec<S>> extends UriSpec<S>, RequestHeadersSpec<S> {

	}

	/**
	 * Specifies the URI, headers, attributes and body of a request.
	 */
	interface RequestBodyUriSpec extends RequestBodySpec, RequestHeadersUriSpec<RequestBodySpec> {

	}

}
