package io.blockingbridge.web;

import java.lang.reflect.Field;
import java.time.Duration;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.Ordered;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerAdapter;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Handles the controller methods that run in {@link BlockingStyle blocking style}, ahead of WebFlux's
 * own {@link RequestMappingHandlerAdapter}.
 * <p>
 * It keeps an adapter of its own configured exactly like the application's (message readers, binding,
 * argument resolvers, content negotiation, controller advice), so arguments are resolved and return
 * values handled as for any controller; only the method invocation moves to a virtual thread, through
 * a scheduler that opens a bridge scope with the request's Reactor Context and interrupts the thread
 * when the request is cancelled.
 */
public class BlockingStyleHandlerAdapter implements HandlerAdapter, Ordered, ApplicationContextAware, InitializingBean {

	private final RequestMappingHandlerAdapter template;

	private final BlockingStyleMethods blockingStyleMethods;

	private final RequestMappingHandlerAdapter delegate = new RequestMappingHandlerAdapter();

	private final Scheduler scheduler;

	private int order = 0;

	/**
	 * Create an adapter.
	 * @param template the application's adapter, whose configuration is copied
	 * @param blockingStyleMethods which methods this adapter handles
	 * @param timeout the default limit of awaits in a request
	 */
	public BlockingStyleHandlerAdapter(RequestMappingHandlerAdapter template, BlockingStyleMethods blockingStyleMethods,
			Duration timeout) {
		this.template = template;
		this.blockingStyleMethods = blockingStyleMethods;
		this.scheduler = new BlockingStyleScheduler(timeout);
	}

	/**
	 * Set the order among handler adapters; it must come before WebFlux's own (the default, 0, does).
	 * @param order the order
	 */
	public void setOrder(int order) {
		this.order = order;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.delegate.setApplicationContext(applicationContext);
	}

	@Override
	public void afterPropertiesSet() throws Exception {
		this.delegate.setMessageReaders(this.template.getMessageReaders());
		this.delegate.setWebBindingInitializer(this.template.getWebBindingInitializer());
		this.delegate.setArgumentResolverConfigurer(this.template.getArgumentResolverConfigurer());
		this.delegate.setContentTypeResolver(this.template.getContentTypeResolver());
		ReactiveAdapterRegistry registry = this.template.getReactiveAdapterRegistry();
		this.delegate.setReactiveAdapterRegistry(registry);
		this.delegate.setBlockingMethodPredicate((handlerMethod) -> true);
		installScheduler(this.delegate, this.scheduler);
		this.delegate.afterPropertiesSet();
	}

	@Override
	public boolean supports(Object handler) {
		return handler instanceof HandlerMethod handlerMethod && this.blockingStyleMethods.test(handlerMethod);
	}

	@Override
	public Mono<HandlerResult> handle(ServerWebExchange exchange, Object handler) {
		return this.delegate.handle(exchange, handler);
	}

	/**
	 * WebFlux accepts an {@code Executor} for blocking controller methods and wraps it in a
	 * scheduler that neither passes on the subscriber's context nor interrupts a running method. The
	 * bridge needs both, so it hands its own scheduler to the adapter it keeps.
	 */
	private static void installScheduler(RequestMappingHandlerAdapter adapter, Scheduler scheduler) {
		Field field = ReflectionUtils.findField(RequestMappingHandlerAdapter.class, "scheduler", Scheduler.class);
		if (field == null) {
			throw new IllegalStateException("This version of Spring WebFlux ("
					+ RequestMappingHandlerAdapter.class.getPackage().getImplementationVersion()
					+ ") has no invocation scheduler the bridge can use for @BlockingStyle methods; "
					+ "Blocking Bridge supports Spring Framework 7.0.");
		}
		ReflectionUtils.makeAccessible(field);
		ReflectionUtils.setField(field, adapter, scheduler);
	}

}
