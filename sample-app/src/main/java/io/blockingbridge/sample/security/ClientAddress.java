package io.blockingbridge.sample.security;

import java.net.InetSocketAddress;

import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Puts the client's address into the Reactor context of the rest of the security filter chain, so
 * that the authentication manager (which sees only the credentials) can count failed logins per
 * address. The address is the TCP peer's; behind a proxy, let Spring Boot apply the forwarded
 * headers ({@code server.forward-headers-strategy}).
 */
final class ClientAddress implements WebFilter {

	private static final String KEY = ClientAddress.class.getName();

	/** What logins without a known address (tests calling the manager directly) count under. */
	static final String UNKNOWN = "unknown";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		String address = (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress()
				: UNKNOWN;
		return chain.filter(exchange).contextWrite((context) -> context.put(KEY, address));
	}

	static String of(ContextView context) {
		return context.getOrDefault(KEY, UNKNOWN);
	}

}
