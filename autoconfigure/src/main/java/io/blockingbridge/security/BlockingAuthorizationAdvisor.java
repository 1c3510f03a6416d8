package io.blockingbridge.security;

import java.lang.reflect.Method;
import java.util.function.Supplier;

import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.core.KotlinDetector;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.security.authorization.method.AuthorizationAdvisor;
import org.springframework.util.function.SingletonSupplier;

/**
 * An authorization advisor that sends each invocation to one of two interceptors by the method's
 * return type: methods returning a reactive type (anything the {@link ReactiveAdapterRegistry}
 * adapts) or Kotlin suspend functions keep Spring Security's reactive interceptor; every other
 * method gets the imperative interceptor for the same annotation, which reads
 * {@code SecurityContextHolder} (the request's context in blocking-style code).
 */
final class BlockingAuthorizationAdvisor implements AuthorizationAdvisor {

	private final Pointcut pointcut;

	private final int order;

	private final MethodInterceptor reactive;

	private final Supplier<MethodInterceptor> blocking;

	BlockingAuthorizationAdvisor(Pointcut pointcut, int order, MethodInterceptor reactive,
			Supplier<MethodInterceptor> blocking) {
		this.pointcut = pointcut;
		this.order = order;
		this.reactive = reactive;
		this.blocking = SingletonSupplier.of(blocking);
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		return isReactive(invocation.getMethod()) ? this.reactive.invoke(invocation)
				: this.blocking.get().invoke(invocation);
	}

	static boolean isReactive(Method method) {
		return ReactiveAdapterRegistry.getSharedInstance().getAdapter(method.getReturnType()) != null
				|| KotlinDetector.isSuspendingFunction(method);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public boolean isPerInstance() {
		return true;
	}

}
