package io.blockingbridge.web;

import java.util.function.Function;

import io.blockingbridge.core.BridgeScope;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.server.ServerWebExchange;

/**
 * The request that blocking-style code runs for: the counterpart of Spring MVC's
 * {@code RequestContextHolder} for {@link BlockingStyle @BlockingStyle} controller methods,
 * {@link BlockingHandlers} functions and {@code Bridge.spawn} tasks started while they run.
 * <pre class="code">
 * ServerWebExchange exchange = BlockingStyleExchange.current();
 * String tenant = exchange.getRequest().getHeaders().getFirst("X-Tenant");
 * </pre>
 * The exchange travels in the Reactor Context of the request's bridge scope, so it is found on the
 * request's virtual thread and in every scope opened with that context. While a blocking-style
 * request runs, {@link LocaleContextHolder} also holds the request's locale (from
 * {@code Accept-Language}, or the application's {@code LocaleContextResolver}) on its thread.
 */
public final class BlockingStyleExchange {

	/** The Reactor Context key of the exchange of a blocking-style request. */
	private static final Object CONTEXT_KEY = BlockingStyleExchange.class;

	/**
	 * The name of the exchange attribute that marks an exchange as handled in blocking style (its
	 * value is {@link Boolean#TRUE}).
	 */
	public static final String BLOCKING_STYLE_ATTRIBUTE = BlockingStyleExchange.class.getName() + ".BLOCKING_STYLE";

	private BlockingStyleExchange() {
	}

	/**
	 * Return the exchange of the blocking-style request the current thread runs for.
	 * @return the exchange
	 * @throws IllegalStateException outside of a blocking-style request
	 */
	public static ServerWebExchange current() {
		ServerWebExchange exchange = find();
		if (exchange == null) {
			throw new IllegalStateException("No blocking-style request on thread '" + Thread.currentThread().getName()
					+ "': BlockingStyleExchange.current() works in @BlockingStyle controller methods, BlockingHandlers "
					+ "functions and Bridge.spawn tasks started from them; in reactive code take the "
					+ "ServerWebExchange as a handler argument instead");
		}
		return exchange;
	}

	/**
	 * Return the exchange of the blocking-style request the current thread runs for, if any.
	 * @return the exchange, or {@code null} outside of a blocking-style request
	 */
	public static @Nullable ServerWebExchange find() {
		BridgeScope scope = BridgeScope.current();
		return (scope != null) ? scope.context().getOrDefault(CONTEXT_KEY, null) : null;
	}

	/**
	 * Tell whether the given exchange is handled in blocking style.
	 * @param exchange the exchange
	 * @return {@code true} once its handler started in blocking style
	 */
	public static boolean isBlockingStyle(ServerWebExchange exchange) {
		return Boolean.TRUE.equals(exchange.getAttribute(BLOCKING_STYLE_ATTRIBUTE));
	}

	/**
	 * Mark the exchange as handled in blocking style and return what puts it in a Reactor Context.
	 */
	static Function<Context, Context> bind(ServerWebExchange exchange) {
		exchange.getAttributes().put(BLOCKING_STYLE_ATTRIBUTE, Boolean.TRUE);
		return (context) -> context.put(CONTEXT_KEY, exchange);
	}

	/**
	 * Set {@link LocaleContextHolder} on the current thread from the exchange in the given context,
	 * until the returned binding is closed.
	 */
	static LocaleBinding bindLocale(ContextView context) {
		ServerWebExchange exchange = context.getOrDefault(CONTEXT_KEY, null);
		if (exchange == null) {
			return new LocaleBinding(null, false);
		}
		LocaleContext previous = LocaleContextHolder.getLocaleContext();
		LocaleContextHolder.setLocaleContext(exchange.getLocaleContext());
		return new LocaleBinding(previous, true);
	}

	/** Restores the locale context of the thread as it was before the request set it. */
	static final class LocaleBinding implements AutoCloseable {

		private final @Nullable LocaleContext previous;

		private final boolean bound;

		LocaleBinding(@Nullable LocaleContext previous, boolean bound) {
			this.previous = previous;
			this.bound = bound;
		}

		@Override
		public void close() {
			if (this.bound) {
				LocaleContextHolder.setLocaleContext(this.previous);
			}
		}

	}

}
