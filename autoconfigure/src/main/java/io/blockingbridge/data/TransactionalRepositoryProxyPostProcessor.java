package io.blockingbridge.data;

import io.blockingbridge.transaction.BlockingTransactionInterceptor;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.support.RepositoryProxyPostProcessor;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;

/**
 * Makes a blocking repository honour {@code @Transactional}, the way Spring Data's blocking stores
 * do: on the methods of {@link SimpleBlockingR2dbcRepository} that run several statements (so that
 * {@code saveAll} and the bulk deletes are atomic) and on the repository interface's own methods.
 * Calls that already run in a transaction join it. The transaction manager is looked up in the bean
 * factory when a transactional method is first called.
 */
final class TransactionalRepositoryProxyPostProcessor implements RepositoryProxyPostProcessor {

	private final BeanFactory beanFactory;

	TransactionalRepositoryProxyPostProcessor(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void postProcess(ProxyFactory factory, RepositoryInformation repositoryInformation) {
		BlockingTransactionInterceptor interceptor = new BlockingTransactionInterceptor(null,
				new AnnotationTransactionAttributeSource());
		interceptor.setBeanFactory(this.beanFactory);
		interceptor.afterPropertiesSet();
		factory.addAdvice(interceptor);
	}

}
