package io.blockingbridge.autoconfigure;

import io.blockingbridge.r2dbc.TransactionBoundConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps every {@link ConnectionFactory} bean in a {@link TransactionBoundConnectionFactory}, so that
 * a connection requested around the bridge from within a blocking transaction fails rather than run
 * outside of it. The original factory stays reachable through
 * {@link io.r2dbc.spi.Wrapped#unwrap()} (which Spring Boot's pool metrics use).
 */
class TransactionBoundConnectionFactoryPostProcessor implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof ConnectionFactory connectionFactory && !(bean instanceof TransactionBoundConnectionFactory)) {
			return new TransactionBoundConnectionFactory(connectionFactory);
		}
		return bean;
	}

}
