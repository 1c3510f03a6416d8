package io.blockingbridge.security;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeScope;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.util.Assert;
import org.springframework.web.server.WebFilter;

/**
 * A {@link SecurityContextHolderStrategy} that gives blocking-style code the security context of the
 * request it runs for. Inside a bridge scope whose Reactor Context carries the request's reactive
 * security context (the requests that the {@linkplain #webFilter() web filter} marks), the context
 * is resolved from {@link ReactiveSecurityContextHolder}'s entry on first access (one await per
 * scope, none for requests that never ask) and kept in the scope: closing the scope drops it, so
 * nothing is left on the thread for the next request. {@code setContext} and {@code clearContext}
 * there also act on the scope. A fork of {@link io.blockingbridge.core.Bridge#concurrently()} sees
 * the context its caller held when it forked (captured by context-propagation), including one the
 * caller set itself. Everywhere else the strategy delegates to the one it wraps (by
 * default Spring Security's ThreadLocal strategy), so code outside of requests behaves as before.
 * <p>
 * {@link #install()} puts it in place in {@link SecurityContextHolder}, around the strategy found
 * there, and {@link #webFilter()} marks the requests it serves; the auto-configuration does both when
 * {@code bridge.security.context} is true (the default). An application that sets a strategy of its
 * own in {@code SecurityContextHolder} after startup replaces this one; calling {@link #install()}
 * afterwards puts it back around the application's strategy.
 */
public final class BlockingSecurityContextHolderStrategy implements SecurityContextHolderStrategy {

	/** The key of the context resolved for a scope. */
	private static final Object SCOPE_ATTRIBUTE = BlockingSecurityContextHolderStrategy.class;

	private static final Object REACTIVE_CONTEXT_KEY = SecurityContext.class;

	/**
	 * The key under which context-propagation captures {@link SecurityContextHolder}'s context
	 * (Spring Security's {@code SecurityContextHolderThreadLocalAccessor}); a fork's scope carries
	 * its caller's context there.
	 */
	private static final String CAPTURED_CONTEXT_KEY = SecurityContext.class.getName();

	private final SecurityContextHolderStrategy delegate;

	/**
	 * Create a strategy that delegates outside of blocking-style requests.
	 * @param delegate the strategy used outside of blocking-style requests
	 */
	public BlockingSecurityContextHolderStrategy(SecurityContextHolderStrategy delegate) {
		Assert.notNull(delegate, "'delegate' must not be null");
		this.delegate = delegate;
	}

	/**
	 * Put a {@code BlockingSecurityContextHolderStrategy} around the strategy that
	 * {@link SecurityContextHolder} uses now, unless it is one already.
	 * @return the strategy in place
	 */
	public static synchronized BlockingSecurityContextHolderStrategy install() {
		SecurityContextHolderStrategy current = SecurityContextHolder.getContextHolderStrategy();
		if (current instanceof BlockingSecurityContextHolderStrategy blocking) {
			return blocking;
		}
		BlockingSecurityContextHolderStrategy blocking = new BlockingSecurityContextHolderStrategy(current);
		SecurityContextHolder.setContextHolderStrategy(blocking);
		return blocking;
	}

	/**
	 * Create the web filter that marks the requests this strategy serves from the request's reactive
	 * security context; the strategy delegates for requests it did not mark. Register it as a bean in
	 * a WebFlux application with Spring Security; it orders itself right after Spring Security's
	 * {@code WebFilterChainProxy}, inside the reactive security context that filter writes. The auto-configuration registers it
	 * when {@code bridge.security.context} is true (the default).
	 * @return a new web filter
	 */
	public static WebFilter webFilter() {
		return new BlockingSecurityContextWebFilter();
	}

	@Override
	public void clearContext() {
		BridgeScope scope = requestScope();
		if (scope != null) {
			scope.setAttribute(SCOPE_ATTRIBUTE, createEmptyContext());
		}
		else {
			this.delegate.clearContext();
		}
	}

	@Override
	public SecurityContext getContext() {
		BridgeScope scope = requestScope();
		if (scope == null) {
			return this.delegate.getContext();
		}
		return scope.computeAttributeIfAbsent(SCOPE_ATTRIBUTE, (key) -> resolve(scope.context()));
	}

	@Override
	public void setContext(SecurityContext context) {
		Assert.notNull(context, "Only non-null SecurityContext instances are permitted");
		BridgeScope scope = requestScope();
		if (scope != null) {
			scope.setAttribute(SCOPE_ATTRIBUTE, context);
		}
		else {
			this.delegate.setContext(context);
		}
	}

	@Override
	public SecurityContext createEmptyContext() {
		return this.delegate.createEmptyContext();
	}

	/**
	 * The scope of the current thread if it runs for a marked request that carries a reactive
	 * security context.
	 */
	private static @Nullable BridgeScope requestScope() {
		BridgeScope scope = BridgeScope.current();
		if (scope == null) {
			return null;
		}
		ContextView context = scope.context();
		return (BlockingSecurityContextWebFilter.isMarked(context) && context.hasKey(REACTIVE_CONTEXT_KEY)) ? scope
				: null;
	}

	private SecurityContext resolve(ContextView context) {
		if (context.getOrDefault(CAPTURED_CONTEXT_KEY, null) instanceof SecurityContext captured) {
			// a fork of Bridge.concurrently(): the context its caller held when it forked
			return captured;
		}
		Mono<SecurityContext> reactive = context.get(REACTIVE_CONTEXT_KEY);
		SecurityContext resolved = Bridge.await(reactive);
		return (resolved != null) ? resolved : createEmptyContext();
	}

}
