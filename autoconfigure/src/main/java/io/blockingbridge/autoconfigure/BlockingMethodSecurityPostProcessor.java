package io.blockingbridge.autoconfigure;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.blockingbridge.security.BlockingSecurityContextHolderStrategy;
import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.authorization.method.AuthorizationAdvisor;
import org.springframework.security.authorization.method.AuthorizationManagerAfterMethodInterceptor;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.authorization.method.PostAuthorizeAuthorizationManager;
import org.springframework.security.authorization.method.PostFilterAuthorizationMethodInterceptor;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.authorization.method.PreFilterAuthorizationMethodInterceptor;
import org.springframework.security.core.annotation.AnnotationTemplateExpressionDefaults;

/**
 * Lets {@code @PreAuthorize}, {@code @PostAuthorize}, {@code @PreFilter} and {@code @PostFilter} work
 * on methods with non-reactive return types in an application that enables
 * {@code @EnableReactiveMethodSecurity}, the way {@code @Transactional} works on them with the
 * bridge. Spring Security's reactive interceptors refuse such methods ("must return an instance of
 * org.reactivestreams.Publisher"); this post-processor wraps each of them in an advisor with the
 * same pointcut and order that keeps the reactive interceptor for reactive methods and runs Spring
 * Security's imperative interceptor for the others, configured with the application's
 * {@link MethodSecurityExpressionHandler} and template defaults. The imperative interceptors read
 * {@code SecurityContextHolder}, which holds the request's context in blocking-style code (see
 * {@link BlockingSecurityContextHolderStrategy}). Advisors registered by
 * {@code @EnableMethodSecurity} (imperative) are left alone. Spring Security's interceptors are
 * recognized by names that are not its API, checked at start-up by {@link SpringSecurityInternals}.
 */
class BlockingMethodSecurityPostProcessor
		implements BeanPostProcessor, PriorityOrdered, BeanFactoryAware, ApplicationContextAware {

	private final Map<String, Function<BlockingMethodSecurityPostProcessor, MethodInterceptor>> blockingInterceptors = Map
		.of(SpringSecurityInternals.PRE_FILTER, BlockingMethodSecurityPostProcessor::preFilter,
				SpringSecurityInternals.PRE_AUTHORIZE, BlockingMethodSecurityPostProcessor::preAuthorize,
				SpringSecurityInternals.POST_AUTHORIZE, BlockingMethodSecurityPostProcessor::postAuthorize,
				SpringSecurityInternals.POST_FILTER, BlockingMethodSecurityPostProcessor::postFilter);

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	private @Nullable ApplicationContext applicationContext;

	/**
	 * Create the post-processor.
	 * @throws io.blockingbridge.core.BridgeUsageException if Spring Security changed the names the
	 * post-processor finds its interceptors by ({@link SpringSecurityInternals})
	 */
	BlockingMethodSecurityPostProcessor() {
		SpringSecurityInternals.check(BlockingMethodSecurityPostProcessor.class.getClassLoader());
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
			this.beanFactory = listable;
		}
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Function<BlockingMethodSecurityPostProcessor, MethodInterceptor> blocking = this.blockingInterceptors
			.get(beanName);
		if (blocking == null || !(bean instanceof AuthorizationAdvisor reactive) || !isReactiveMethodSecurity(beanName)) {
			return bean;
		}
		Supplier<MethodInterceptor> interceptor = () -> blocking.apply(this);
		return new BlockingAuthorizationAdvisor(reactive.getPointcut(), reactive.getOrder(), reactive, interceptor);
	}

	private boolean isReactiveMethodSecurity(String beanName) {
		if (this.beanFactory == null || !this.beanFactory.containsBeanDefinition(beanName)) {
			return false;
		}
		BeanDefinition definition = this.beanFactory.getBeanDefinition(beanName);
		return SpringSecurityInternals.REACTIVE_CONFIGURATION.equals(definition.getBeanClassName())
				|| SpringSecurityInternals.REACTIVE_CONFIGURATION.equals(definition.getFactoryBeanName());
	}

	private MethodInterceptor preFilter() {
		PreFilterAuthorizationMethodInterceptor interceptor = new PreFilterAuthorizationMethodInterceptor();
		configure(interceptor::setExpressionHandler, interceptor::setTemplateDefaults, null);
		return interceptor;
	}

	private MethodInterceptor preAuthorize() {
		PreAuthorizeAuthorizationManager manager = new PreAuthorizeAuthorizationManager();
		configure(manager::setExpressionHandler, manager::setTemplateDefaults, manager::setApplicationContext);
		return AuthorizationManagerBeforeMethodInterceptor.preAuthorize(manager);
	}

	private MethodInterceptor postAuthorize() {
		PostAuthorizeAuthorizationManager manager = new PostAuthorizeAuthorizationManager();
		configure(manager::setExpressionHandler, manager::setTemplateDefaults, manager::setApplicationContext);
		return AuthorizationManagerAfterMethodInterceptor.postAuthorize(manager);
	}

	private MethodInterceptor postFilter() {
		PostFilterAuthorizationMethodInterceptor interceptor = new PostFilterAuthorizationMethodInterceptor();
		configure(interceptor::setExpressionHandler, interceptor::setTemplateDefaults, null);
		return interceptor;
	}

	/**
	 * Give one of Spring Security's imperative interceptors or managers what the application
	 * configured for method security: its expression handler, template defaults and context. They
	 * share these setters but no type that declares them.
	 */
	private void configure(Consumer<MethodSecurityExpressionHandler> expressionHandler,
			Consumer<AnnotationTemplateExpressionDefaults> templateDefaults,
			@Nullable Consumer<ApplicationContext> applicationContext) {
		expressionHandler.accept(expressionHandler());
		AnnotationTemplateExpressionDefaults defaults = templateDefaults();
		if (defaults != null) {
			templateDefaults.accept(defaults);
		}
		if (applicationContext != null && this.applicationContext != null) {
			applicationContext.accept(this.applicationContext);
		}
	}

	private MethodSecurityExpressionHandler expressionHandler() {
		MethodSecurityExpressionHandler handler = (this.beanFactory != null)
				? this.beanFactory.getBeanProvider(MethodSecurityExpressionHandler.class).getIfUnique() : null;
		if (handler != null) {
			return handler;
		}
		DefaultMethodSecurityExpressionHandler fallback = new DefaultMethodSecurityExpressionHandler();
		if (this.applicationContext != null) {
			fallback.setApplicationContext(this.applicationContext);
		}
		return fallback;
	}

	private @Nullable AnnotationTemplateExpressionDefaults templateDefaults() {
		return (this.beanFactory != null)
				? this.beanFactory.getBeanProvider(AnnotationTemplateExpressionDefaults.class).getIfUnique() : null;
	}

}
