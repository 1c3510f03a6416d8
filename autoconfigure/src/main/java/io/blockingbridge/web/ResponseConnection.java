package io.blockingbridge.web;

import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;

import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * The connection a response is written to, where the server has one (Reactor Netty): its event loop,
 * the thread a streamed answer hands its elements to, so that WebFlux's and the server's writing
 * operators see every signal (element, end, cancel, demand) on one thread, as they do for reactive
 * code; whether it is still open; and the means to close it.
 */
final class ResponseConnection {

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.Connection",
			ResponseConnection.class.getClassLoader());

	private final Executor eventLoop;

	private final BooleanSupplier open;

	private final Runnable closer;

	private final Consumer<Runnable> closeListeners;

	private ResponseConnection(Executor eventLoop, BooleanSupplier open, Runnable closer,
			Consumer<Runnable> closeListeners) {
		this.eventLoop = eventLoop;
		this.open = open;
		this.closer = closer;
		this.closeListeners = closeListeners;
	}

	/**
	 * The connection the exchange's response is written to.
	 * @param exchange the exchange
	 * @return the connection, or {@code null} on a server without one (or a mock)
	 */
	static @Nullable ResponseConnection of(ServerWebExchange exchange) {
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
		return ReactorNetty.connection(response);
	}

	/**
	 * The event loop that writes to the connection.
	 * @return the event loop
	 */
	Executor eventLoop() {
		return this.eventLoop;
	}

	/**
	 * Tell whether the connection is still open: once it is closed, nothing handed to the writer is
	 * written, and the writer may drop it without releasing it.
	 * @return {@code true} while the connection is open
	 */
	boolean isOpen() {
		return this.open.getAsBoolean();
	}

	/** Close the connection, abruptly for a response already under way. */
	void close() {
		this.closer.run();
	}

	/**
	 * Run the given action once the connection is closed (at once if it already is).
	 * @param action the action
	 */
	void onClose(Runnable action) {
		this.closeListeners.accept(action);
	}

	/** Touches Reactor Netty's types only where it is present. */
	private static final class ReactorNetty {

		static @Nullable ResponseConnection connection(@Nullable Object response) {
			if (!(response instanceof Connection connection)) {
				return null;
			}
			Channel channel = connection.channel();
			return new ResponseConnection(channel.eventLoop(), channel::isActive, channel::close,
					(action) -> channel.closeFuture().addListener((future) -> action.run()));
		}

	}

}
