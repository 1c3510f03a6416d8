package io.blockingbridge.http;

import java.net.URI;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeSettings;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A {@link ClientHttpRequestFactory} that runs each request of Spring's {@code RestClient} (or
 * {@code RestTemplate}) through a {@link WebClient}, awaited by the {@link Bridge}: the WebClient's
 * filters, codec settings, connector and connection pool apply, and the exchange follows the
 * bridge's rules (docs/http-client.md):
 * <ul>
 * <li>the Reactor Context of the calling {@code @BlockingStyle} request ({@link Bridge#context()})
 * reaches the WebClient's {@code ExchangeFilterFunction}s;</li>
 * <li>the wait for the response is bounded by the scope's time limit ({@code bridge.timeout}) and
 * ends in a {@code BridgeTimeoutException}; an interrupt of the caller (its client went away)
 * cancels the exchange;</li>
 * <li>the response body is an {@code InputStream} that pulls from the connection with
 * backpressure, {@value Bridge#DEFAULT_PREFETCH} network buffers ahead at most; closing it before
 * its end cancels the exchange and gives the connection's place in the pool back;</li>
 * <li>request bodies are streamed, written by a virtual thread while the connection sends them;</li>
 * <li>the live view of blocked requests shows the awaited call as {@code GET http://host/path}.</li>
 * </ul>
 * What the response means (status handling and its exceptions, message conversion, interceptors,
 * observation) is RestClient's own: the WebClient underneath records no observation of its own, so
 * that each call has one {@code http.client.requests} observation, RestClient's. Connection errors
 * arrive as {@code IOException}s, which RestClient turns into {@code ResourceAccessException}s.
 * <p>
 * The status text of a response is the standard reason phrase of its status code (empty for codes
 * without one): WebClient does not expose the reason phrase the server sent.
 */
public final class BridgeClientHttpRequestFactory implements ClientHttpRequestFactory {

	private final WebClient webClient;

	private final BridgeSettings settings;

	/**
	 * Create a factory over the given WebClient, for use outside of an application context: awaits
	 * outside of any scope get the {@code bridge.timeout} of the only application running with the
	 * bridge, else {@code BridgeScope.DEFAULT_TIMEOUT}.
	 * @param webClient the WebClient that runs the exchanges; its observation registry is not used
	 */
	public BridgeClientHttpRequestFactory(WebClient webClient) {
		this(webClient, BridgeSettings.defaults());
	}

	/**
	 * Create a factory over the given WebClient, for a component of the application with the given
	 * settings (the auto-configuration passes them).
	 * @param webClient the WebClient that runs the exchanges; its observation registry is not used
	 * @param settings the settings of the application the factory belongs to
	 */
	public BridgeClientHttpRequestFactory(WebClient webClient, BridgeSettings settings) {
		// RestClient observes each call: a second observation from the WebClient would count it twice
		this.webClient = webClient.mutate().observationRegistry(ObservationRegistry.NOOP).build();
		this.settings = settings;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
		return new BridgeClientHttpRequest(this.webClient, uri, httpMethod, this.settings);
	}

	@Override
	public String toString() {
		return "BridgeClientHttpRequestFactory[" + this.webClient + "]";
	}

}
