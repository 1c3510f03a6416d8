package io.blockingbridge.web;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import io.blockingbridge.core.AwaitObserver;
import io.blockingbridge.core.BridgeSettings;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The one runner of every blocking-style entry point: {@link BlockingStyle @BlockingStyle}
 * controller methods ({@link BlockingStyleHandlerAdapter}) and {@link BlockingHandlers} functions
 * both hand their work for an exchange to it, and so get the same treatment.
 * <ul>
 * <li>{@link #admit admit}: the admission limit ({@code bridge.web.max-concurrent-requests}), the
 * request body read ahead of it when it is small enough;</li>
 * <li>{@link #run run}: a virtual thread of its own named after the request
 * ({@code bridge-request-17 GET /orders/7}), a bridge scope holding the request's Reactor Context
 * (so the ThreadLocals restored from it: MDC, observations, the security context), the locale and
 * the time limit of the application ({@code bridge.timeout}); the live view and the
 * {@code bridge.requests} metrics with the request's outcome; the awaits counted in
 * {@code bridge.awaits}; and an interrupt of the thread when the client goes away (the returned Mono
 * is cancelled). The exchange is found with {@link BlockingStyleExchange#current()} on the thread;
 * a {@code Stream} answer is produced on it with the stall timeout of this runner
 * ({@link BlockingStyleStream}).</li>
 * </ul>
 * An entry point finds its application's runner with {@link #of(ServerWebExchange)} (the annotated
 * path holds its own) and calls {@code runner.admit(exchange, bodyLimit, (admitted) ->
 * runner.run(admitted, handler, handling), refusal)}; see the two methods.
 */
final class BlockingStyleRunner {

	/** The exchange attribute under which entry points find the runner of their application. */
	static final String ATTRIBUTE = BlockingStyleRunner.class.getName();

	/** The registry of runners made without one: it keeps track of requests, but nobody looks. */
	private static final BlockingStyleRequests UNOBSERVED = new BlockingStyleRequests();

	private final BlockingStyleRequests requests;

	private final BridgeSettings settings;

	private final Duration streamStallTimeout;

	private final @Nullable BlockingStyleAdmission admission;

	/**
	 * Create a runner.
	 * @param requests the registry of requests in flight, with its observers
	 * @param settings the settings of the application, for the time limit of a request's scope
	 * @param streamStallTimeout how long a streamed answer waits for its client to take more
	 * @param admission the admission limit, or {@code null} to use the one the exchange carries, if any
	 */
	BlockingStyleRunner(BlockingStyleRequests requests, BridgeSettings settings, Duration streamStallTimeout,
			@Nullable BlockingStyleAdmission admission) {
		this.requests = requests;
		this.settings = settings;
		this.streamStallTimeout = streamStallTimeout;
		this.admission = admission;
	}

	/**
	 * Return the runner of the application serving the given exchange: the one the filter of
	 * {@link BlockingHandlers#runnerFilter(BlockingStyleHandlerAdapter)} put into its attributes (the
	 * {@link BlockingStyleHandlerAdapter}'s), else, for an application without it (the bridge's
	 * auto-configuration off), one without observers, with the application's registered settings if
	 * any, the default stall timeout and the admission limit the exchange carries.
	 * @param exchange the exchange
	 * @return the runner
	 */
	static BlockingStyleRunner of(ServerWebExchange exchange) {
		BlockingStyleRunner runner = exchange.getAttribute(ATTRIBUTE);
		if (runner != null) {
			return runner;
		}
		ApplicationContext application = exchange.getApplicationContext();
		BridgeSettings settings = (application != null) ? BridgeSettings.registeredFor(application) : null;
		return new BlockingStyleRunner(UNOBSERVED, (settings != null) ? settings : BridgeSettings.defaults(),
				BlockingStyleHandlerAdapter.DEFAULT_STREAM_STALL_TIMEOUT, null);
	}

	BlockingStyleRequests requests() {
		return this.requests;
	}

	/**
	 * Admit a request to run, under the admission limit if there is one (this runner's, else the one
	 * the exchange carries): while the limit is reached, answer the refusal without starting anything;
	 * else run the request and give its permit back when it ends (a streamed answer keeps it until
	 * its stream ends). A body of a declared length within {@code bodyLimit} is read first, so that a
	 * client that stalls halfway through it holds no permit.
	 * @param <T> the type of the result
	 * @param exchange the exchange
	 * @param bodyLimit the most bytes of a body to read ahead (the codecs' in-memory limit); 0 reads
	 * none
	 * @param admitted runs the admitted request, given the exchange (whose body may now be in memory)
	 * @param refusal the answer when the limit is reached, given the limit (for its
	 * {@link BlockingStyleAdmission#refuse refusal} or its {@link BlockingStyleAdmission#problemDetail()
	 * problem detail})
	 * @return the request's result, or the refusal
	 */
	<T> Mono<T> admit(ServerWebExchange exchange, int bodyLimit, Function<ServerWebExchange, Mono<T>> admitted,
			Function<BlockingStyleAdmission, Mono<T>> refusal) {
		BlockingStyleAdmission limit = (this.admission != null) ? this.admission
				: exchange.getAttribute(BlockingStyleAdmission.ATTRIBUTE);
		if (limit == null) {
			return admitted.apply(exchange);
		}
		Supplier<Mono<T>> refused = () -> refusal.apply(limit);
		if (!BlockingStyleRequestBody.readsAhead(exchange.getRequest(), bodyLimit)) {
			return limit.admit(() -> admitted.apply(exchange), refused);
		}
		return BlockingStyleRequestBody.readAhead(exchange.getRequest(), bodyLimit)
			.flatMap((read) -> limit.admit(() -> admitted.apply(exchange.mutate().request(read).build()), refused));
	}

	/**
	 * Run the given handling of a request on a new virtual thread when the returned Mono is
	 * subscribed: the thread subscribes to it in the request's bridge scope and runs every task the
	 * {@link BlockingStyleScheduler} routes to the request, until the handling ends; the request is
	 * listed in the live view meanwhile and timed in the metrics when it ends. Cancelling the returned
	 * Mono (the client went away) interrupts the thread and cancels the handling.
	 * @param <T> the type of the result
	 * @param exchange the exchange, for the thread's name, the live view and
	 * {@link BlockingStyleExchange#current()}
	 * @param handler what serves the request, as the live view and the metrics name it
	 * @param handling the work, subscribed to on the request's thread
	 * @return the handling's result, signalled from the request's thread
	 */
	<T> Mono<T> run(ServerWebExchange exchange, String handler, Mono<T> handling) {
		Mono<T> request = Mono.defer(() -> BlockingStyleRequest.run(handling, this.settings.scopeTimeout(),
				exchange.getRequest(), handler, this.requests, this.streamStallTimeout));
		AwaitObserver awaitObserver = this.requests.awaitObserver();
		if (awaitObserver != null) {
			request = request.contextWrite((context) -> AwaitObserver.bind(context, awaitObserver));
		}
		return request.contextWrite(BlockingStyleExchange.bind(exchange));
	}

}
