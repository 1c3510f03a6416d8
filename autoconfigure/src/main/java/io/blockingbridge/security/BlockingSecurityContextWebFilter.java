package io.blockingbridge.security;

import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Marks the Reactor Context of every request of this application so that blocking-style code run for
 * it finds the request's security context through {@code SecurityContextHolder}
 * ({@link BlockingSecurityContextHolderStrategy}). Runs right after Spring Security's
 * {@code WebFilterChainProxy} (order -100), inside the context it writes. Applications without it
 * (with {@code bridge.security.context} false) keep Spring Security's behaviour: an empty
 * {@code SecurityContextHolder} in blocking code.
 */
public class BlockingSecurityContextWebFilter implements WebFilter, Ordered {

	/** The order of this filter: right after Spring Security's {@code WebFilterChainProxy}. */
	public static final int ORDER = -90;

	private static final Object MARKER_KEY = BlockingSecurityContextWebFilter.class;

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return chain.filter(exchange).contextWrite((context) -> context.put(MARKER_KEY, Boolean.TRUE));
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	/** Tell whether the given context belongs to a request that this filter marked. */
	static boolean isMarked(ContextView context) {
		return context.hasKey(MARKER_KEY);
	}

}
