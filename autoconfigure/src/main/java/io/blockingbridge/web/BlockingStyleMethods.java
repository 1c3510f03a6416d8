package io.blockingbridge.web;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.core.KotlinDetector;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerMapping;

/**
 * Decides which controller methods run in blocking style.
 * <ol>
 * <li>Never a method with a reactive return type or a Kotlin suspend function: WebFlux runs those
 * without blocking already.</li>
 * <li>Always a method annotated (or whose controller is annotated) with {@link BlockingStyle}.</li>
 * <li>With {@code bridge.web.all-non-reactive}, every other method too, unless it is a handler that
 * WebFlux creates itself (such as the one answering {@code OPTIONS}), or the application configured
 * blocking execution ({@code WebFluxConfigurer.configureBlockingExecution}): an executor of its own
 * keeps running the methods it selects, and a predicate without an executor decides which methods
 * the bridge takes.</li>
 * </ol>
 */
public final class BlockingStyleMethods implements Predicate<HandlerMethod> {

	private final ReactiveAdapterRegistry adapterRegistry;

	private final boolean allNonReactive;

	private final Map<HandlerMethodKey, Boolean> decisions = new ConcurrentHashMap<>();

	private volatile boolean applicationExecutor;

	private volatile @Nullable Predicate<? super HandlerMethod> applicationPredicate;

	/**
	 * Create a predicate.
	 * @param adapterRegistry the registry that knows the reactive types
	 * @param allNonReactive whether every non-reactive method runs in blocking style, annotated or
	 * not
	 */
	public BlockingStyleMethods(ReactiveAdapterRegistry adapterRegistry, boolean allNonReactive) {
		this.adapterRegistry = adapterRegistry;
		this.allNonReactive = allNonReactive;
	}

	/**
	 * Take the application's own blocking execution settings into account.
	 * @param executor whether the application configured an executor for blocking methods
	 * @param predicate the application's predicate for blocking methods, if any
	 */
	void applicationBlockingExecution(boolean executor, @Nullable Predicate<? super HandlerMethod> predicate) {
		this.applicationExecutor = executor;
		this.applicationPredicate = predicate;
		this.decisions.clear();
	}

	/**
	 * Tell whether the given method runs in blocking style.
	 * @param handlerMethod a controller method
	 * @return {@code true} to run it on a virtual thread
	 */
	@Override
	public boolean test(HandlerMethod handlerMethod) {
		return this.decisions.computeIfAbsent(
				new HandlerMethodKey(handlerMethod.getBeanType(), handlerMethod.getMethod()),
				(key) -> decide(handlerMethod));
	}

	private boolean decide(HandlerMethod handlerMethod) {
		if (isReactive(handlerMethod)) {
			return false;
		}
		if (isAnnotated(handlerMethod)) {
			return true;
		}
		if (!this.allNonReactive || isCreatedByWebFlux(handlerMethod) || this.applicationExecutor) {
			return false;
		}
		Predicate<? super HandlerMethod> predicate = this.applicationPredicate;
		return predicate == null || predicate.test(handlerMethod);
	}

	/**
	 * Tell whether the given method or its controller carries {@link BlockingStyle}.
	 * @param handlerMethod a controller method
	 * @return {@code true} if annotated
	 */
	public static boolean isAnnotated(HandlerMethod handlerMethod) {
		return handlerMethod.hasMethodAnnotation(BlockingStyle.class)
				|| AnnotatedElementUtils.hasAnnotation(handlerMethod.getBeanType(), BlockingStyle.class);
	}

	/**
	 * Tell whether the given method is reactive: it returns a reactive type (Mono, Flux, Publisher,
	 * CompletableFuture, or any other type the registry adapts) or is a Kotlin suspend function.
	 * @param handlerMethod a controller method
	 * @return {@code true} if WebFlux runs it without blocking
	 */
	public boolean isReactive(HandlerMethod handlerMethod) {
		return this.adapterRegistry.getAdapter(handlerMethod.getReturnType().getParameterType()) != null
				|| isSuspendingFunction(handlerMethod.getMethod());
	}

	/**
	 * Tell whether the given method is a Kotlin suspend function.
	 * @param method a method
	 * @return {@code true} if it is one
	 */
	static boolean isSuspendingFunction(Method method) {
		return KotlinDetector.isKotlinPresent() && KotlinDetector.isSuspendingFunction(method);
	}

	/** Handlers a mapping makes itself, such as the one answering OPTIONS, are nested in it. */
	private static boolean isCreatedByWebFlux(HandlerMethod handlerMethod) {
		Class<?> enclosing = handlerMethod.getBeanType().getEnclosingClass();
		return enclosing != null && HandlerMapping.class.isAssignableFrom(enclosing);
	}

	private record HandlerMethodKey(Class<?> beanType, Method method) {
	}

}
