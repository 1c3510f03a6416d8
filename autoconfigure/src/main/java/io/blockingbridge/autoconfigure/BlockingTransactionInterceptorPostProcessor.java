package io.blockingbridge.autoconfigure;

import io.blockingbridge.transaction.BlockingTransactionInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * Replaces the {@link TransactionInterceptor} that {@code @EnableTransactionManagement} registers with
 * a {@link BlockingTransactionInterceptor} of the same transaction manager and attribute source, so
 * that {@code @Transactional} methods with non-reactive return types can use a reactive transaction
 * manager. Interceptors of other classes (an application's own subclass) are left alone.
 */
class BlockingTransactionInterceptorPostProcessor implements BeanPostProcessor, PriorityOrdered, BeanFactoryAware {

	private @Nullable BeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean.getClass() != TransactionInterceptor.class) {
			return bean;
		}
		TransactionInterceptor original = (TransactionInterceptor) bean;
		TransactionAttributeSource attributeSource = original.getTransactionAttributeSource();
		BlockingTransactionInterceptor replacement = new BlockingTransactionInterceptor();
		replacement.setTransactionManager(original.getTransactionManager());
		if (attributeSource != null) {
			replacement.setTransactionAttributeSource(attributeSource);
		}
		if (this.beanFactory != null) {
			replacement.setBeanFactory(this.beanFactory);
		}
		replacement.afterPropertiesSet();
		return replacement;
	}

}
