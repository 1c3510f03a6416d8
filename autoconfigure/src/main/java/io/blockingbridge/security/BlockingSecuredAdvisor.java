package io.blockingbridge.security;

import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.authorization.method.AuthorizationAdvisor;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;

/**
 * Checks {@link Secured @Secured} on methods with non-reactive return types in an application that
 * enables {@code @EnableReactiveMethodSecurity}, which has no {@code @Secured} support of its own:
 * runs Spring Security's imperative {@code @Secured} interceptor, which reads
 * {@code SecurityContextHolder} (the request's context in blocking-style code). Reactive methods are
 * passed through unchanged, as Spring Security's reactive method security does.
 */
public final class BlockingSecuredAdvisor implements AuthorizationAdvisor {

	private final AuthorizationManagerBeforeMethodInterceptor secured = AuthorizationManagerBeforeMethodInterceptor
		.secured();

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		return BlockingAuthorizationAdvisor.isReactive(invocation.getMethod()) ? invocation.proceed()
				: this.secured.invoke(invocation);
	}

	@Override
	public Pointcut getPointcut() {
		return this.secured.getPointcut();
	}

	@Override
	public Advice getAdvice() {
		return this;
	}

	@Override
	public int getOrder() {
		return this.secured.getOrder();
	}

	@Override
	public boolean isPerInstance() {
		return true;
	}

}
