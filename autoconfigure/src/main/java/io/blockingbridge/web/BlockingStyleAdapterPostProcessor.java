package io.blockingbridge.web;

import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerAdapter;

/**
 * Prepares the application's {@link RequestMappingHandlerAdapter} (a subclass too) for blocking-style
 * methods before it initializes, keeping everything the application configured on it.
 * <p>
 * WebFlux runs a controller method on a scheduler when its blocking method predicate selects it. The
 * bridge widens that predicate to the blocking-style methods, and wraps the application's scheduler
 * (from {@code WebFluxConfigurer.configureBlockingExecution}, if any) in a {@link BlockingStyleScheduler}
 * that runs the steps of blocking-style requests on their virtual thread and passes every other
 * task on to the application's scheduler. The application's executor and predicate keep deciding
 * for the methods that are not blocking style; {@link BlockingStyleMethods} learns about them. Its
 * message readers are wrapped in {@link BlockingStyleMessageReader}s, so that a decoded body comes
 * back to the request's virtual thread to be validated.
 * <p>
 * WebFlux only accepts an {@code Executor}, which it wraps in a scheduler that cannot tell which
 * request a task belongs to; the bridge therefore sets the adapter's scheduler field itself, through
 * {@link WebFluxInternals}, which checks at start-up that this version of WebFlux still has it.
 */
final class BlockingStyleAdapterPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<BlockingStyleMethods> blockingStyleMethods;

	private final ObjectProvider<ReactiveAdapterRegistry> adapterRegistry;

	private final WebFluxInternals webFlux;

	/**
	 * Create a post-processor.
	 * @param blockingStyleMethods which methods run in blocking style
	 * @param adapterRegistry the registry that knows the reactive types, if the application has one
	 * @throws io.blockingbridge.core.BridgeUsageException if Spring WebFlux or Reactor changed the
	 * internals the bridge relies on ({@link WebFluxInternals}, {@link ReactorInternals})
	 */
	BlockingStyleAdapterPostProcessor(ObjectProvider<BlockingStyleMethods> blockingStyleMethods,
			ObjectProvider<ReactiveAdapterRegistry> adapterRegistry) {
		this.blockingStyleMethods = blockingStyleMethods;
		this.adapterRegistry = adapterRegistry;
		this.webFlux = new WebFluxInternals();
		ReactorInternals.check();
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof RequestMappingHandlerAdapter adapter) {
			prepare(adapter);
		}
		return bean;
	}

	private void prepare(RequestMappingHandlerAdapter adapter) {
		Scheduler applicationScheduler = this.webFlux.scheduler(adapter);
		Predicate<HandlerMethod> applicationPredicate = this.webFlux.blockingMethodPredicate(adapter);
		BlockingStyleMethods methods = this.blockingStyleMethods.getObject();
		methods.applicationBlockingExecution(applicationScheduler != null, applicationPredicate);
		Predicate<HandlerMethod> applicationSelects = applicationSelects(applicationScheduler, applicationPredicate);
		adapter.setBlockingMethodPredicate((handlerMethod) -> methods.test(handlerMethod) || applicationSelects.test(handlerMethod));
		this.webFlux.setScheduler(adapter, new BlockingStyleScheduler(applicationScheduler));
		List<HttpMessageReader<?>> readers = adapter.getMessageReaders().isEmpty()
				? ServerCodecConfigurer.create().getReaders() : adapter.getMessageReaders();
		adapter.setMessageReaders(BlockingStyleMessageReader.wrap(readers, new BlockingStyleScheduler(null)));
	}

	/** The methods the application's scheduler runs, as WebFlux would decide without the bridge. */
	private Predicate<HandlerMethod> applicationSelects(@Nullable Scheduler scheduler,
			@Nullable Predicate<HandlerMethod> predicate) {
		if (scheduler == null) {
			return (handlerMethod) -> false;
		}
		if (predicate != null) {
			return predicate;
		}
		ReactiveAdapterRegistry registry = this.adapterRegistry.getIfAvailable(ReactiveAdapterRegistry::getSharedInstance);
		return (handlerMethod) -> registry.getAdapter(handlerMethod.getReturnType().getParameterType()) == null
				&& !BlockingStyleMethods.isSuspendingFunction(handlerMethod.getMethod());
	}

}
