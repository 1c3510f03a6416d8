package io.blockingbridge.web;

import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;

import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Finds the event loop that writes a response, where the server has one (Reactor Netty): the thread
 * a streamed answer hands its elements to, so that WebFlux's and the server's writing operators see
 * every signal (element, end, cancel, demand) on one thread, as they do for reactive code.
 */
final class ResponseEventLoop {

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.Connection",
			ResponseEventLoop.class.getClassLoader());

	private ResponseEventLoop() {
	}

	/**
	 * The event loop of the connection the exchange's response is written to.
	 * @param exchange the exchange
	 * @return the connection's event loop, or {@code null} on a server without one (or a mock)
	 */
	static @Nullable Executor of(ServerWebExchange exchange) {
		if (!REACTOR_NETTY_PRESENT) {
			return null;
		}
		Object response;
		try {
			response = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
		}
		catch (RuntimeException ex) {
			// A response of a mock server or of a decorator that hides its native response.
			return null;
		}
		return ReactorNetty.eventLoop(response);
	}

	/** Touches Reactor Netty's types only where it is present. */
	private static final class ReactorNetty {

		static @Nullable Executor eventLoop(@Nullable Object response) {
			return (response instanceof Connection connection) ? connection.channel().eventLoop() : null;
		}

	}

}
