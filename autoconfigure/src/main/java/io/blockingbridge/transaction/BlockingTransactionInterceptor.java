package io.blockingbridge.transaction;

import java.lang.reflect.Method;

import io.blockingbridge.core.BridgeSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;

import org.springframework.core.KotlinDetector;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.interceptor.DelegatingTransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.util.ClassUtils;

/**
 * Spring's {@link TransactionInterceptor}, extended to run {@code @Transactional} methods with a
 * non-reactive return type in a transaction of a {@link ReactiveTransactionManager} (where Spring
 * itself fails with "Cannot apply reactive transaction to non-reactive return type"). Such methods
 * run in a {@link BlockingTransactions blocking transaction} on the calling thread, with the
 * attribute's propagation, isolation, read-only flag, timeout and rollback rules.
 * <p>
 * Everything else takes Spring's own path unchanged: methods returning a reactive type (Mono, Flux,
 * and whatever the {@link ReactiveAdapterRegistry} adapts), Kotlin suspending functions, and methods
 * whose transaction manager is a {@link PlatformTransactionManager}. So reactive and blocking
 * transactional methods share one transaction manager bean, without qualifiers.
 */
public class BlockingTransactionInterceptor extends TransactionInterceptor {

	/** Tells reactive return types, which Spring's own interceptor handles, from blocking ones. */
	private final ReactiveAdapterRegistry adapterRegistry = ReactiveAdapterRegistry.getSharedInstance();

	/** The bridge's settings (the await time limit): set, or looked up in the bean factory when first needed. */
	private volatile @Nullable BridgeSettings settings;

	/**
	 * Create an interceptor to be configured through its setters, like a {@link TransactionInterceptor}.
	 */
	public BlockingTransactionInterceptor() {
	}

	/**
	 * Create an interceptor with the given default transaction manager and attribute source.
	 * @param transactionManager the default transaction manager, or {@code null} to look it up in the
	 * bean factory
	 * @param transactionAttributeSource where to find the transaction attributes of methods
	 */
	public BlockingTransactionInterceptor(@Nullable TransactionManager transactionManager,
			TransactionAttributeSource transactionAttributeSource) {
		setTransactionManager(transactionManager);
		setTransactionAttributeSource(transactionAttributeSource);
	}

	/**
	 * Check the interceptor's configuration, and that forks of {@link io.blockingbridge.core.Bridge#concurrently()}
	 * leave the transactions of this version of Spring behind ({@link SpringTransactionInternals}).
	 * @throws io.blockingbridge.core.BridgeUsageException if they do not
	 */
	@Override
	public void afterPropertiesSet() {
		super.afterPropertiesSet();
		SpringTransactionInternals.check();
	}

	@Override
	protected @Nullable Object invokeWithinTransaction(Method method, @Nullable Class<?> targetClass,
			InvocationCallback invocation) throws Throwable {
		TransactionAttributeSource attributeSource = getTransactionAttributeSource();
		TransactionAttribute attribute = (attributeSource != null)
				? attributeSource.getTransactionAttribute(method, targetClass) : null;
		if (attribute != null && !isReactive(method)) {
			TransactionManager transactionManager = determineTransactionManager(attribute, targetClass);
			if (transactionManager instanceof ReactiveTransactionManager reactiveTransactionManager
					&& !(transactionManager instanceof PlatformTransactionManager)) {
				return BlockingTransactionExecutor.execute(reactiveTransactionManager,
						named(attribute, method, targetClass), settings(), (status) -> invocation.proceedWithInvocation());
			}
		}
		return super.invokeWithinTransaction(method, targetClass, invocation);
	}

	/**
	 * Set the settings of the application this interceptor serves. Unless set, they are looked up
	 * in the bean factory, or the library's defaults are used.
	 * @param settings the settings
	 */
	public void setBridgeSettings(BridgeSettings settings) {
		this.settings = settings;
	}

	private BridgeSettings settings() {
		BridgeSettings settings = this.settings;
		if (settings == null) {
			BeanFactory beanFactory = getBeanFactory();
			settings = (beanFactory != null)
					? beanFactory.getBeanProvider(BridgeSettings.class).getIfAvailable(BridgeSettings::defaults)
					: BridgeSettings.defaults();
			this.settings = settings;
		}
		return settings;
	}

	private boolean isReactive(Method method) {
		return this.adapterRegistry.getAdapter(method.getReturnType()) != null
				|| KotlinDetector.isSuspendingFunction(method);
	}

	private TransactionAttribute named(TransactionAttribute attribute, Method method, @Nullable Class<?> targetClass) {
		if (attribute.getName() != null) {
			return attribute;
		}
		String name = methodIdentification(method, targetClass);
		String nameToUse = (name != null) ? name : ClassUtils.getQualifiedMethodName(method, targetClass);
		return new DelegatingTransactionAttribute(attribute) {

			@Override
			public String getName() {
				return nameToUse;
			}

		};
	}

}
