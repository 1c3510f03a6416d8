package io.blockingbridge.web;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.blockingbridge.core.BridgeSettings;
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

	private final ConcurrentMap<Method, String> handlerNames = new ConcurrentHashMap<>();

	private volatile BlockingStyleRunner runner;

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
		updateRunner();
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
		updateRunner();
	}

	/**
	 * Set the registry that keeps track of the requests in flight, for metrics and the live view of
	 * blocked requests; by default the adapter keeps one of its own, without observers.
	 * @param requests the registry
	 */
	public void setRequests(BlockingStyleRequests requests) {
		this.requests = requests;
		updateRunner();
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
		BlockingStyleRunner current = this.runner;
		HandlerMethod method = (HandlerMethod) handler;
		return current.admit(exchange, BlockingStyleRequestBody.limit(this.delegate.getMessageReaders()),
				(admitted) -> current.run(admitted, handlerName(method), Mono.defer(() -> this.delegate
					.handle(new SessionOnRequestThread(admitted), handler)
					.flatMap((result) -> BlockingStyleStream.answer(result, admitted)))),
				(limit) -> limit.refuse(exchange.getResponse()).then(Mono.empty()));
	}

	/**
	 * Return the runner of this adapter's requests, which {@link BlockingHandlers} functions share
	 * through {@link BlockingHandlers#runnerFilter(BlockingStyleHandlerAdapter)}.
	 */
	BlockingStyleRunner runner() {
		return this.runner;
	}

	/** The controller method's name, as the live view and the metrics show it: {@code OrderController#place}. */
	private String handlerName(HandlerMethod method) {
		String name = this.handlerNames.get(method.getMethod());
		if (name == null) {
			name = this.handlerNames.computeIfAbsent(method.getMethod(),
					(key) -> method.getBeanType().getSimpleName() + "#" + key.getName());
		}
		return name;
	}

	private void updateRunner() {
		this.runner = new BlockingStyleRunner(this.requests, new BridgeSettings(this.timeout), this.streamStallTimeout,
				this.admission);
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
