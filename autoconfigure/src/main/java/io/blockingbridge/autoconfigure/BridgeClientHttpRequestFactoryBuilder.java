package io.blockingbridge.autoconfigure;

import java.util.function.Supplier;

import io.blockingbridge.http.BridgeClientHttpRequestFactory;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.function.SingletonSupplier;

/**
 * Builds the {@link BridgeClientHttpRequestFactory} of the application, one instance shared by all
 * of its RestClients. The WebClient's connector brings the connection settings (the common
 * {@code spring.http.clients.*} settings apply to it); settings that only a transport of its own can
 * take, an SSL bundle ({@code RestClientSsl}, an HTTP service group's {@code ssl.bundle}) or an
 * address filter, go to the request factory Spring Boot would have chosen instead.
 */
final class BridgeClientHttpRequestFactoryBuilder implements ClientHttpRequestFactoryBuilder<ClientHttpRequestFactory> {

	private final Supplier<BridgeClientHttpRequestFactory> bridged;

	private final Supplier<ClientHttpRequestFactoryBuilder<?>> fallback;

	BridgeClientHttpRequestFactoryBuilder(Supplier<BridgeClientHttpRequestFactory> bridged,
			Supplier<ClientHttpRequestFactoryBuilder<?>> fallback) {
		this.bridged = SingletonSupplier.of(bridged);
		this.fallback = fallback;
	}

	@Override
	public ClientHttpRequestFactory build(HttpClientSettings settings) {
		if (settings.sslBundle() != null || settings.inetAddressFilter() != null) {
			return this.fallback.get().build(settings);
		}
		return this.bridged.get();
	}

}
