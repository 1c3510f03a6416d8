package io.blockingbridge.http;

import java.time.Duration;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeSettings;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.service.invoker.HttpExchangeAdapter;
import org.springframework.web.service.invoker.HttpRequestValues;
import org.springframework.web.service.invoker.ReactorHttpExchangeAdapter;

/**
 * An {@link HttpExchangeAdapter} that performs the requests of an HTTP interface client with a
 * reactive adapter (such as WebClient's) and awaits them through the {@link Bridge}.
 * <p>
 * Given a reactive adapter, {@code HttpServiceProxyFactory} blocks with Reactor's {@code block()}
 * for methods with plain return types: without the caller's Reactor Context, without the bridge's
 * time limit and cancellation, and with an {@code IllegalStateException} deep in Reactor on an
 * event loop. This adapter is not a {@link ReactorHttpExchangeAdapter}, so the factory calls its
 * blocking methods instead, and every request is awaited like any other bridged publisher: it
 * carries the caller's context, is cancelled on time-out or interrupt, and fails fast with a
 * {@link io.blockingbridge.core.BridgeUsageException} on an event loop.
 * <p>
 * Interfaces used with it must have plain return types ({@code T}, {@code Optional<T>},
 * {@code ResponseEntity<T>}, {@code HttpHeaders}, {@code void}); see {@link BlockingHttpInterfaces}.
 * It also works as an exchange adapter decorator of Spring Boot's HTTP service groups:
 * {@code factoryBuilder.exchangeAdapterDecorator((adapter) -> new BridgedHttpExchangeAdapter((ReactorHttpExchangeAdapter) adapter))}.
 */
public final class BridgedHttpExchangeAdapter implements HttpExchangeAdapter {

	private final ReactorHttpExchangeAdapter delegate;

	private final @Nullable Duration timeout;

	private final BridgeSettings settings;

	/**
	 * Create an adapter whose awaits use the time limit of the caller's bridge scope.
	 * @param delegate the reactive adapter that performs the requests
	 */
	public BridgedHttpExchangeAdapter(ReactorHttpExchangeAdapter delegate) {
		this(delegate, null);
	}

	/**
	 * Create an adapter whose awaits use the given time limit.
	 * @param delegate the reactive adapter that performs the requests
	 * @param timeout the time limit of each request, or {@code null} for the caller's bridge
	 * scope's; zero means none
	 */
	public BridgedHttpExchangeAdapter(ReactorHttpExchangeAdapter delegate, @Nullable Duration timeout) {
		this(delegate, timeout, BridgeSettings.defaults());
	}

	BridgedHttpExchangeAdapter(ReactorHttpExchangeAdapter delegate, @Nullable Duration timeout,
			BridgeSettings settings) {
		this.delegate = delegate;
		this.timeout = (timeout != null) ? HttpClientChecks.nonNegativeTimeout(timeout) : null;
		this.settings = settings;
	}

	@Override
	public boolean supportsRequestAttributes() {
		return this.delegate.supportsRequestAttributes();
	}

	@Override
	public void exchange(HttpRequestValues requestValues) {
		await(this.delegate.exchangeForMono(requestValues));
	}

	@Override
	public HttpHeaders exchangeForHeaders(HttpRequestValues requestValues) {
		return HttpClientChecks.requiredResponse(await(this.delegate.exchangeForHeadersMono(requestValues)));
	}

	@Override
	public <T> @Nullable T exchangeForBody(HttpRequestValues requestValues, ParameterizedTypeReference<T> bodyType) {
		return await(this.delegate.exchangeForBodyMono(requestValues, bodyType));
	}

	@Override
	public ResponseEntity<Void> exchangeForBodilessEntity(HttpRequestValues requestValues) {
		return HttpClientChecks.requiredResponse(await(this.delegate.exchangeForBodilessEntityMono(requestValues)));
	}

	@Override
	public <T> ResponseEntity<T> exchangeForEntity(HttpRequestValues requestValues,
			ParameterizedTypeReference<T> bodyType) {
		return HttpClientChecks.requiredResponse(await(this.delegate.exchangeForEntityMono(requestValues, bodyType)));
	}

	private <T> @Nullable T await(Mono<T> mono) {
		return Bridge.await(mono, (this.timeout != null) ? this.timeout : this.settings.scopeTimeout());
	}

}
