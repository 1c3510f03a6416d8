package io.blockingbridge.sample.security;

import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;

import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.util.context.ContextView;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
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

	private static final String CONNECTED_KEY = ClientAddress.class.getName() + ".connected";

	/** What logins without a known address (tests calling the manager directly) count under. */
	static final String UNKNOWN = "unknown";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String address = of(exchange);
		BooleanSupplier connected = connected(exchange);
		return chain.filter(exchange)
			.contextWrite((context) -> context.put(KEY, address).put(CONNECTED_KEY, connected));
	}

	/**
	 * Whether the client is still connected; {@code true} where the server does not tell.
	 * @param context the Reactor context of the security filter chain
	 * @return whether the client has not left
	 */
	static boolean connected(ContextView context) {
		BooleanSupplier connected = context.getOrDefault(CONNECTED_KEY, null);
		return connected == null || connected.getAsBoolean();
	}

	private static BooleanSupplier connected(ServerWebExchange exchange) {
		try {
			Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
			if (request instanceof Connection connection) {
				return () -> !connection.isDisposed() && connection.channel().isActive();
			}
		}
		catch (IllegalArgumentException ex) {
			// not a server request with a native one (a mock exchange)
		}
		return () -> true;
	}

	/**
	 * The address of the exchange's client.
	 * @param exchange the exchange
	 * @return the address, or {@link #UNKNOWN}
	 */
	static String of(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : UNKNOWN;
	}

	static String of(ContextView context) {
		return context.getOrDefault(KEY, UNKNOWN);
	}

}
