package io.blockingbridge.web;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Decides which controller methods run in blocking style: those annotated (or whose controller is
 * annotated) with {@link BlockingStyle}, and, if asked for, every method with a non-reactive return
 * type.
 */
public final class BlockingStyleMethods implements Predicate<HandlerMethod> {

	private final ReactiveAdapterRegistry adapterRegistry;

	private final boolean allNonReactive;

	private final Map<HandlerMethodKey, Boolean> decisions = new ConcurrentHashMap<>();

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
	 * Tell whether the given method runs in blocking style.
	 * @param handlerMethod a controller method
	 * @return {@code true} to run it on a virtual thread
	 */
	@Override
	public boolean test(HandlerMethod handlerMethod) {
		return this.decisions.computeIfAbsent(
				new HandlerMethodKey(handlerMethod.getBeanType(), handlerMethod.getMethod()),
				(key) -> isAnnotated(handlerMethod) || (this.allNonReactive && !isReactive(handlerMethod)));
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
	 * Tell whether the given method returns a reactive type (Mono, Flux, Publisher,
	 * CompletableFuture, or any other type the registry adapts).
	 * @param handlerMethod a controller method
	 * @return {@code true} if its return type is reactive
	 */
	public boolean isReactive(HandlerMethod handlerMethod) {
		return this.adapterRegistry.getAdapter(handlerMethod.getReturnType().getParameterType()) != null;
	}

	private record HandlerMethodKey(Class<?> beanType, Method method) {
	}

}
