package io.blockingbridge.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.blockingbridge.core.BridgeSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilderFactory;

/**
 * The {@link BlockingWebClient.Builder} implementation: a WebClient builder, a time limit and the
 * settings of the application the client belongs to.
 */
final class DefaultBlockingWebClientBuilder implements BlockingWebClient.Builder {

	private final WebClient.Builder webClientBuilder;

	private @Nullable Duration timeout;

	private final BridgeSettings settings;

	DefaultBlockingWebClientBuilder(WebClient.Builder webClientBuilder, BridgeSettings settings) {
		this.webClientBuilder = webClientBuilder;
		this.settings = settings;
	}

	@Override
	public BlockingWebClient.Builder baseUrl(String baseUrl) {
		this.webClientBuilder.baseUrl(baseUrl);
		return this;
	}

	@Override
	public BlockingWebClient.Builder baseUrl(URI baseUrl) {
		return baseUrl(baseUrl.toString());
	}

	@Override
	public BlockingWebClient.Builder defaultUriVariables(Map<String, ?> defaultUriVariables) {
		this.webClientBuilder.defaultUriVariables(defaultUriVariables);
		return this;
	}

	@Override
	public BlockingWebClient.Builder uriBuilderFactory(UriBuilderFactory uriBuilderFactory) {
		this.webClientBuilder.uriBuilderFactory(uriBuilderFactory);
		return this;
	}

	@Override
	public BlockingWebClient.Builder defaultHeader(String header, String... values) {
		this.webClientBuilder.defaultHeader(header, values);
		return this;
	}

	@Override
	public BlockingWebClient.Builder defaultHeaders(Consumer<HttpHeaders> headersConsumer) {
		this.webClientBuilder.defaultHeaders(headersConsumer);
		return this;
	}

	@Override
	public BlockingWebClient.Builder defaultCookie(String cookie, String... values) {
		this.webClientBuilder.defaultCookie(cookie, values);
		return this;
	}

	@Override
	public BlockingWebClient.Builder defaultCookies(Consumer<MultiValueMap<String, String>> cookiesConsumer) {
		this.webClientBuilder.defaultCookies(cookiesConsumer);
		return this;
	}

	@Override
	public BlockingWebClient.Builder filter(ExchangeFilterFunction filter) {
		this.webClientBuilder.filter(filter);
		return this;
	}

	@Override
	public BlockingWebClient.Builder filters(Consumer<List<ExchangeFilterFunction>> filtersConsumer) {
		this.webClientBuilder.filters(filtersConsumer);
		return this;
	}

	@Override
	public BlockingWebClient.Builder timeout(Duration timeout) {
		this.timeout = HttpClientChecks.nonNegativeTimeout(timeout);
		return this;
	}

	@Override
	public BlockingWebClient.Builder webClient(Consumer<WebClient.Builder> webClientBuilderConsumer) {
		webClientBuilderConsumer.accept(this.webClientBuilder);
		return this;
	}

	@Override
	public BlockingWebClient.Builder apply(Consumer<BlockingWebClient.Builder> builderConsumer) {
		builderConsumer.accept(this);
		return this;
	}

	@Override
	@SuppressWarnings("MethodDoesntCallSuperMethod")
	public BlockingWebClient.Builder clone() {
		DefaultBlockingWebClientBuilder copy = new DefaultBlockingWebClientBuilder(this.webClientBuilder.clone(), this.settings);
		copy.timeout = this.timeout;
		return copy;
	}

	@Override
	public BlockingWebClient build() {
		return new DefaultBlockingWebClient(this.webClientBuilder.build(), this.timeout, this.settings);
	}

}
