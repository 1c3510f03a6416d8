package io.blockingbridge.data;

import io.blockingbridge.core.BridgeSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.data.r2dbc.core.R2dbcEntityOperations;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.util.Assert;

/**
 * Creates a blocking-style repository backed by R2DBC for one repository interface; registered by
 * {@link EnableBlockingR2dbcRepositories} and the auto-configuration.
 *
 * @param <T> the repository type
 * @param <S> the entity type
 * @param <ID> the type of the entity's identifier
 */
public class BlockingR2dbcRepositoryFactoryBean<T extends Repository<S, ID>, S, ID>
		extends RepositoryFactoryBeanSupport<T, S, ID> {

	private @Nullable R2dbcEntityOperations entityOperations;

	private @Nullable ListableBeanFactory beanFactory;

	/**
	 * Create a factory bean for the given repository interface.
	 * @param repositoryInterface the interface to implement
	 */
	public BlockingR2dbcRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
		super(repositoryInterface);
	}

	/**
	 * Set the R2DBC entity operations the repository runs on.
	 * @param entityOperations the entity operations
	 */
	public void setEntityOperations(R2dbcEntityOperations entityOperations) {
		this.entityOperations = entityOperations;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		super.setBeanFactory(beanFactory);
		this.beanFactory = (beanFactory instanceof ListableBeanFactory listable) ? listable : null;
	}

	@Override
	public void afterPropertiesSet() {
		Assert.state(this.entityOperations != null, "R2dbcEntityOperations must be set");
		setMappingContext(this.entityOperations.getConverter().getMappingContext());
		super.afterPropertiesSet();
	}

	@Override
	protected RepositoryFactorySupport createRepositoryFactory() {
		Assert.state(this.entityOperations != null, "R2dbcEntityOperations must be set");
		BlockingR2dbcRepositoryFactory factory = new BlockingR2dbcRepositoryFactory(this.entityOperations);
		if (this.beanFactory != null) {
			factory.setBridgeSettings(
					this.beanFactory.getBeanProvider(BridgeSettings.class).getIfAvailable(BridgeSettings::defaults));
		}
		if (this.beanFactory != null
				&& this.beanFactory.getBeanNamesForType(ReactiveTransactionManager.class, true, false).length > 0) {
			factory.addRepositoryProxyPostProcessor(new TransactionalRepositoryProxyPostProcessor(this.beanFactory));
		}
		return factory;
	}

}
