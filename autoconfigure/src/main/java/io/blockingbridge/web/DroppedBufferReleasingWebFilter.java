package io.blockingbridge.web;

import java.util.concurrent.Callable;

import org.reactivestreams.Publisher;
import reactor.core.Fuseable;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Releases the data buffers that the server's writing operators drop, unreleased, when the client of
 * a streamed answer goes away.
 * <p>
 * WebFlux writes a streamed answer (NDJSON, server-sent events) as a sequence of groups, one
 * {@code Mono.just(buffer)} per encoded element, and Reactor Netty writes the groups through a
 * {@code concatMap} that asks for 32 of them ahead. While the connection cannot take more (a client
 * that reads slowly or stopped reading), up to 32 encoded elements wait in that operator's queue; when
 * the client then goes away, the queue is cleared and each group goes to Reactor's discard hook as a
 * publisher, not as a buffer, so nothing released it: one leaked buffer per waiting element, for
 * reactive and blocking-style answers alike. This filter gives every request a discard hook that
 * releases the buffer held by such a group. It touches only publishers that hold an element already
 * (scalar publishers such as {@code Mono.just}); it never subscribes to a discarded publisher.
 */
public final class DroppedBufferReleasingWebFilter implements WebFilter, Ordered {

	/** How deep the operators around a scalar group may be nested. */
	private static final int MAX_DEPTH = 8;

	/**
	 * Create the filter.
	 */
	public DroppedBufferReleasingWebFilter() {
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return chain.filter(exchange).doOnDiscard(Publisher.class, DroppedBufferReleasingWebFilter::release);
	}

	/**
	 * Release the data buffer a discarded publisher holds, if it is a scalar one (behind a few
	 * operators such as {@code map}); leave any other publisher alone.
	 * @param discarded the publisher an operator dropped
	 */
	static void release(Publisher<?> discarded) {
		Object current = discarded;
		for (int depth = 0; depth < MAX_DEPTH && current != null; depth++) {
			if (current instanceof Fuseable.ScalarCallable<?> scalar) {
				Object value;
				try {
					value = ((Callable<?>) scalar).call();
				}
				catch (Exception ex) {
					return;
				}
				if (value instanceof DataBuffer buffer) {
					DataBufferUtils.release(buffer);
				}
				return;
			}
			current = (current instanceof Scannable scannable) ? scannable.scanUnsafe(Scannable.Attr.PARENT) : null;
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
