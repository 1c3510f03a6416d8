package io.blockingbridge.http;

import java.net.URI;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpRequest;

/**
 * Says which HTTP call a blocking request awaits, such as {@code GET http://kitchen:8080/orders/7},
 * for the live view of blocked requests: method and URL without the query string, whose values may
 * be secrets. It learns the URL once WebClient has resolved it; the text is only built when someone
 * looks.
 */
final class HttpRequestDescription implements Consumer<ClientHttpRequest> {

	private final HttpMethod method;

	private volatile @Nullable URI uri;

	HttpRequestDescription(HttpMethod method) {
		this.method = method;
	}

	@Override
	public void accept(ClientHttpRequest request) {
		this.uri = request.getURI();
	}

	@Override
	public String toString() {
		URI target = this.uri;
		if (target == null) {
			return this.method.name() + " (not sent yet)";
		}
		return this.method.name() + " " + target.getScheme() + "://" + target.getRawAuthority()
				+ ((target.getRawPath() != null) ? target.getRawPath() : "");
	}

}
