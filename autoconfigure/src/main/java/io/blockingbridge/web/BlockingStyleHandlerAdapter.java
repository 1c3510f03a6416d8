package io.blockingbridge.web;

import java.time.Duration;

import io.blockingbridge.core.AwaitObserver;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerAdapter;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebSession;

/**
 * Handles the controller methods that run in {@link BlockingStyle blocking style}, ahead of WebFlux's
 * own {@link RequestMappingHandlerAdapter}.
 * <p>
 * It hands each request to the application's {@code RequestMappingHandlerAdapter} (whatever its
 * class and configuration) from a new virtual thread holding a bridge scope with the request's
 * Reactor Context, and that adapter runs every step it schedules for the method on this thread
 * ({@link #requestMappingHandlerAdapterPostProcessor its post-processor} gives it the scheduler that does so): model attribute
 * and init binder methods, argument resolution, the method, and exception handler methods. Reactive
 * steps in between, such as decoding the request body, stay non-blocking. Cancelling the request
 * (the client went away) interrupts the thread.
 * <p>
 * A method may return a {@link java.util.stream.Stream} (or a {@code ResponseEntity} of one): its
 * elements are then pulled on the request's virtual thread as the client takes them and written by
 * WebFlux like a {@code Flux} (NDJSON, server-sent events or a JSON array, by the {@code Accept}
 * header); the stream is closed when it ends, fails or the client goes away.
 * <p>
 * The adapter works together with the post-processor of
 * {@link #requestMappingHandlerAdapterPostProcessor}; the auto-configuration registers both.
 */
public class BlockingStyleHandlerAdapter implements HandlerAdapter, Ordered {

	/** The default of {@link #setStreamStallTimeout(Duration)}: 30 seconds. */
	public static final Duration DEFAULT_STREAM_STALL_TIMEOUT = Duration.ofSeconds(30);

	private final RequestMappingHandlerAdapter delegate;

	private final BlockingStyleMethods blockingStyleMethods;

	private final Duration timeout;

	private final @Nullable BlockingStyleAdmission admission;

	/** Brings a step that completes on another thread back to the thread of the request it belongs to. */
	private static final BlockingStyleScheduler REQUEST_THREAD = new BlockingStyleScheduler(null);

	private int order = 0;

	private Duration streamStallTimeout = DEFAULT_STREAM_STALL_TIMEOUT;

	private BlockingStyleRequests requests = new BlockingStyleRequests();

	/**
	 * Create an adapter without an admission limit.
	 * @param delegate the application's adapter, which handles the requests on the virtual thread
	 * @param blockingStyleMethods which methods this adapter handles
	 * @param timeout the default limit of awaits in a request
	 */
	public BlockingStyleHandlerAdapter(RequestMappingHandlerAdapter delegate, BlockingStyleMethods blockingStyleMethods,
			Duration timeout) {
		this(delegate, blockingStyleMethods, timeout, null);
	}

	/**
	 * Create an adapter.
	 * @param delegate the application's adapter, which handles the requests on the virtual thread
	 * @param blockingStyleMethods which methods this adapter handles
	 * @param timeout the default limit of awaits in a request
	 * @param admission the admission limit of blocking-style requests, if any
	 */
	public BlockingStyleHandlerAdapter(RequestMappingHandlerAdapter delegate, BlockingStyleMethods blockingStyleMethods,
			Duration timeout, @Nullable BlockingStyleAdmission admission) {
		this.delegate = delegate;
		this.blockingStyleMethods = blockingStyleMethods;
		this.timeout = timeout;
		this.admission = admission;
	}

	/**
	 * Set the order among handler adapters; it must come before WebFlux's own (the default, 0, does).
	 * @param order the order
	 */
	public void setOrder(int order) {
		this.order = order;
	}

	/**
	 * Set how long a streamed answer (a method that returned a {@code Stream}) waits for its client
	 * to take more: when the client takes nothing for this long (it stopped reading, its socket and
	 * the server's buffers are full), the stream is closed and so is the connection. 30 seconds by
	 * default; {@link Duration#ZERO} (or a negative duration) waits for ever.
	 * @param streamStallTimeout the time limit
	 */
	public void setStreamStallTimeout(Duration streamStallTimeout) {
		this.streamStallTimeout = streamStallTimeout;
	}

	/**
	 * Set the registry that keeps track of the requests in flight, for metrics and the live view of
	 * blocked requests; by default the adapter keeps one of its own, without observers.
	 * @param requests the registry
	 */
	public void setRequests(BlockingStyleRequests requests) {
		this.requests = requests;
	}

	/**
	 * Return the registry of the requests in flight.
	 * @return the registry
	 */
	public BlockingStyleRequests getRequests() {
		return this.requests;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	/**
	 * Return the post-processor that prepares the application's {@link RequestMappingHandlerAdapter}
	 * for the blocking-style methods before it initializes, keeping everything the application
	 * configured on it: it widens the adapter's blocking method predicate to the blocking-style
	 * methods, has the steps of a blocking-style request run on the request's virtual thread, and
	 * hands decoded request bodies back to that thread. Register it with a {@code static} bean method
	 * wherever a {@code BlockingStyleHandlerAdapter} is declared by hand.
	 * @param blockingStyleMethods which methods run in blocking style
	 * @param adapterRegistry the registry that knows the reactive types, if the application has one
	 * @return the post-processor
	 */
	public static BeanPostProcessor requestMappingHandlerAdapterPostProcessor(
			ObjectProvider<BlockingStyleMethods> blockingStyleMethods,
			ObjectProvider<ReactiveAdapterRegistry> adapterRegistry) {
		return new BlockingStyleAdapterPostProcessor(blockingStyleMethods, adapterRegistry);
	}

	@Override
	public boolean supports(Object handler) {
		return handler instanceof HandlerMethod handlerMethod && this.blockingStyleMethods.test(handlerMethod);
	}

	@Override
	public Mono<HandlerResult> handle(ServerWebExchange exchange, Object handler) {
		if (this.admission == null) {
			return handleOnVirtualThread(exchange, handler);
		}
		BlockingStyleAdmission limit = this.admission;
		int bodyLimit = BlockingStyleRequestBody.limit(this.delegate.getMessageReaders());
		if (!BlockingStyleRequestBody.readsAhead(exchange.getRequest(), bodyLimit)) {
			return admit(limit, exchange, handler);
		}
		return BlockingStyleRequestBody.readAhead(exchange.getRequest(), bodyLimit)
			.flatMap((request) -> admit(limit, exchange.mutate().request(request).build(), handler));
	}

	private Mono<HandlerResult> admit(BlockingStyleAdmission limit, ServerWebExchange exchange, Object handler) {
		return limit.admit(() -> handleOnVirtualThread(exchange, handler),
				() -> limit.refuse(exchange.getResponse()).then(Mono.empty()));
	}

	private Mono<HandlerResult> handleOnVirtualThread(ServerWebExchange exchange, Object handler) {
		BlockingStyleRequests registry = this.requests;
		Mono<HandlerResult> request = BlockingStyleRequest.run(Mono.defer(() -> this.delegate.handle(new SessionOnRequestThread(exchange), handler)
			.flatMap((result) -> BlockingStyleStream.answer(result, exchange, this.streamStallTimeout))),
				this.timeout, exchange.getRequest(), (HandlerMethod) handler, registry);
		AwaitObserver awaitObserver = registry.awaitObserver();
		if (awaitObserver != null) {
			request = request.contextWrite((context) -> AwaitObserver.bind(context, awaitObserver));
		}
		return request.contextWrite(BlockingStyleExchange.bind(exchange));
	}

	/**
	 * The exchange as the application's adapter sees it in a blocking-style request: its session
	 * arrives on the request's virtual thread, so that the {@code @ModelAttribute} and
	 * {@code @InitBinder} methods WebFlux runs once the {@code @SessionAttributes} are retrieved run
	 * there too, also when the session store completes on a thread of its own (a remote store's
	 * client, a scheduler where blocking is refused).
	 */
	private static final class SessionOnRequestThread extends ServerWebExchangeDecorator {

		SessionOnRequestThread(ServerWebExchange delegate) {
			super(delegate);
		}

		@Override
		public Mono<WebSession> getSession() {
			return getDelegate().getSession().publishOn(REQUEST_THREAD);
		}

	}

}
