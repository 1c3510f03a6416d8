package io.blockingbridge.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The admission limit of blocking-style requests ({@code bridge.web.max-concurrent-requests}): while
 * that many blocking-style requests (controller methods and {@link BlockingHandlers} functions) are in
 * flight, a new one is answered at once with {@code 503 Service Unavailable}, a {@code Retry-After}
 * header and a problem detail, without starting a virtual thread. A request gives its permit back
 * when it ends in any way: with a result, an error, or cancelled because the client went away; a
 * method that returns a {@code java.util.stream.Stream} keeps it until the stream has been written
 * or given up.
 * A request whose body has a declared {@code Content-Length} within the codecs' in-memory limit
 * asks for its permit only once the body has arrived, so a client that stalls halfway through its
 * body holds none.
 * <p>
 * As a {@link WebFilter} it makes itself available to handler functions through the exchange's
 * attributes.
 */
public final class BlockingStyleAdmission implements WebFilter {

	/** The exchange attribute under which handler functions find the admission limit. */
	static final String ATTRIBUTE = BlockingStyleAdmission.class.getName();

	private final int maxConcurrentRequests;

	private final Semaphore permits;

	private final Duration retryAfter;

	/**
	 * Create an admission limit.
	 * @param maxConcurrentRequests how many blocking-style requests may be in flight at once, at
	 * least 1
	 * @param retryAfter the delay a refused client is asked to wait, in whole seconds (at least 1)
	 */
	public BlockingStyleAdmission(int maxConcurrentRequests, Duration retryAfter) {
		if (maxConcurrentRequests < 1) {
			throw new IllegalArgumentException("The admission limit must be at least 1, not " + maxConcurrentRequests
					+ "; set 'bridge.web.max-concurrent-requests' to 0 to switch the limit off");
		}
		this.maxConcurrentRequests = maxConcurrentRequests;
		this.permits = new Semaphore(maxConcurrentRequests);
		this.retryAfter = retryAfter;
	}

	/**
	 * Return how many more requests would be admitted right now.
	 * @return the permits not held by a request in flight
	 */
	int availablePermits() {
		return this.permits.availablePermits();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getAttributes().put(ATTRIBUTE, this);
		return chain.filter(exchange);
	}

	/**
	 * Run the given request if a permit is free, giving the permit back when it ends.
	 * @param <T> the type of the result
	 * @param request the request's handling, not called if refused
	 * @param refusal the answer if no permit is free
	 * @return the request's handling or the refusal
	 */
	<T> Mono<T> admit(Supplier<Mono<T>> request, Supplier<Mono<T>> refusal) {
		if (!this.permits.tryAcquire()) {
			return refusal.get();
		}
		Permit permit = new Permit(this.permits);
		Mono<T> handling;
		try {
			handling = request.get();
		}
		catch (RuntimeException | Error ex) {
			permit.releaseUnlessKept();
			throw ex;
		}
		return handling.doFinally((signal) -> permit.releaseUnlessKept())
			.contextWrite((context) -> context.put(Permit.CONTEXT_KEY, permit));
	}

	/**
	 * Keep the permit of the admitted request whose Reactor Context is given beyond the end of its
	 * handling, for an answer that is still being written: the permit comes back when the returned
	 * action runs.
	 * @param context the Reactor Context of the request's handling
	 * @return the action that gives the permit back (it does nothing after the first time, or if the
	 * request was not admitted by a limit, or gave its permit back already)
	 */
	static Runnable keepPermit(ContextView context) {
		Permit permit = context.getOrDefault(Permit.CONTEXT_KEY, null);
		return (permit != null) ? permit.keep() : () -> {
		};
	}

	/**
	 * Write the refusal to the response.
	 * @param response the response
	 * @return completes when written
	 */
	Mono<Void> refuse(ServerHttpResponse response) {
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		response.getHeaders().addAll(refusalHeaders());
		DataBuffer body = response.bufferFactory().wrap(problemDetail().getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(body));
	}

	/**
	 * The headers of a refusal: {@code Retry-After} and the problem detail's content type.
	 * @return the headers
	 */
	HttpHeaders refusalHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, this.retryAfter.toSeconds())));
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return headers;
	}

	/**
	 * The body of a refusal, an RFC 9457 problem detail.
	 * @return the JSON text
	 */
	String problemDetail() {
		return "{\"type\":\"about:blank\",\"title\":\"Too many concurrent requests\",\"status\":503,"
				+ "\"detail\":\"" + this.maxConcurrentRequests + " blocking-style requests are in flight, the limit set by "
				+ "'bridge.web.max-concurrent-requests'; retry later, or raise the limit.\"}";
	}

	/** The permit of one admitted request, given back exactly once. */
	private static final class Permit {

		static final Object CONTEXT_KEY = Permit.class;

		private static final int HELD = 0;

		private static final int KEPT = 1;

		private static final int RELEASED = 2;

		private final Semaphore permits;

		private final AtomicInteger state = new AtomicInteger(HELD);

		Permit(Semaphore permits) {
			this.permits = permits;
		}

		void releaseUnlessKept() {
			if (this.state.compareAndSet(HELD, RELEASED)) {
				this.permits.release();
			}
		}

		Runnable keep() {
			if (!this.state.compareAndSet(HELD, KEPT)) {
				return () -> {
				};
			}
			return () -> {
				if (this.state.compareAndSet(KEPT, RELEASED)) {
					this.permits.release();
				}
			};
		}

	}

}
