package io.blockingbridge.transaction;

import java.time.Duration;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeInterruptedException;
import io.blockingbridge.core.BridgeScope;
import io.blockingbridge.core.BridgeSettings;
import io.blockingbridge.core.BridgeTimeoutException;
import io.blockingbridge.core.BridgeUsageException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;

import org.springframework.transaction.ReactiveTransaction;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.reactive.TransactionContextManager;

/**
 * Runs blocking-style code in a transaction of a {@link ReactiveTransactionManager}, entirely on the
 * calling thread.
 * <p>
 * It opens a {@link BridgeScope} whose Reactor Context holds the reactive transaction context (the
 * one of an enclosing transaction if there is one, so that nested transactions join, suspend or
 * nest exactly as Spring's reactive ones do), then awaits the transaction's begin, runs the code,
 * and awaits its commit or rollback, all inside that scope. Every publisher the code awaits through
 * the bridge is therefore subscribed with the transaction and runs on its connection.
 * <p>
 * Rollback also follows an abort: when the code fails because its await timed out, was cancelled
 * or its thread was interrupted (a client disconnect), or when the thread is interrupted by the time
 * the code returns.
 * <p>
 * Completion (commit, rollback, and the rollback of a begin that was abandoned half-way) always
 * runs to its end, awaited with {@link Bridge#awaitUninterruptibly(Mono)}: neither an interrupt nor
 * a time limit cancels Spring's commit or rollback, which would skip the release of the connection.
 * An interrupt that arrives meanwhile is kept (the flag is set when the method returns), and the
 * caller learns the true outcome: the result, or the application's own exception, when the
 * transaction committed.
 * <p>
 * A transaction's timeout is one deadline for the whole transaction: every await in it gets the
 * time that remains (or the enclosing limit, if smaller), and a transaction that reaches its
 * deadline is rolled back whatever its rollback rules say.
 */
final class BlockingTransactionExecutor {

	private static final Log logger = LogFactory.getLog(BlockingTransactionExecutor.class);

	/** How long an interrupted or timed-out begin may take to complete before it is cancelled. */
	private static final Duration ABANDONED_BEGIN_GRACE = Duration.ofSeconds(1);

	private BlockingTransactionExecutor() {
	}

	/**
	 * Run the given code in a transaction.
	 * @param <T> the type of the result
	 * @param transactionManager the transaction manager
	 * @param attribute the transaction's definition and rollback rules
	 * @param settings the settings of the application the transaction runs for
	 * @param body the code
	 * @return the code's result
	 * @throws Throwable what the code threw, or a failure of the transaction itself
	 */
	static <T> @Nullable T execute(ReactiveTransactionManager transactionManager, TransactionAttribute attribute,
			BridgeSettings settings, TransactionBody<T> body) throws Throwable {
		if (!Bridge.isBlockingAllowed()) {
			throw new BridgeUsageException("A blocking-style " + describe(attribute)
					+ " cannot run on thread '" + Thread.currentThread().getName()
					+ "', which must never block. Run it on a virtual thread: call it from a @BlockingStyle "
					+ "controller with 'bridge.enabled: true', or wrap the call in Bridge.spawn(...); "
					+ "or give the method a reactive return type (Mono or Flux).");
		}
		Duration outerLimit = settings.scopeTimeout();
		BlockingTransaction enclosing = BlockingTransaction.current();
		Context context = TransactionContextManager.getOrCreateContext()
			.apply(TransactionContextManager.getOrCreateContextHolder().apply(Context.of(Bridge.context())));
		try (BridgeScope transactionScope = openScope(context, attribute, outerLimit)) {
			ReactiveTransaction status = begin(transactionManager, attribute);
			BlockingTransaction transaction = BlockingTransaction.begun(status, enclosing);
			T result;
			try (BridgeScope statusScope = BridgeScope.open(transaction.addTo(context))) {
				result = body.run(status);
			}
			catch (Throwable ex) {
				completeAfterThrowing(transactionManager, transaction, attribute, ex, transactionScope);
				throw ex;
			}
			if (Thread.currentThread().isInterrupted()) {
				rollback(transactionManager, transaction, null);
				throw new BridgeInterruptedException(new InterruptedException("The thread was interrupted "
						+ "while it ran " + describe(attribute) + ", which was rolled back"));
			}
			if (transactionScope.isPastDeadline()) {
				rollback(transactionManager, transaction, null);
				throw timedOut(attribute, null);
			}
			commit(transactionManager, transaction);
			return result;
		}
	}

	private static BridgeScope openScope(Context context, TransactionDefinition definition, Duration outerLimit) {
		if (definition.getTimeout() <= TransactionDefinition.TIMEOUT_DEFAULT) {
			return BridgeScope.open(context, outerLimit);
		}
		return BridgeScope.openWithDeadline(context, outerLimit, Duration.ofSeconds(definition.getTimeout()));
	}

	private static String describe(TransactionAttribute attribute) {
		String name = attribute.getName();
		return (name != null) ? "transaction '" + name + "'" : "transaction";
	}

	private static TransactionTimedOutException timedOut(TransactionAttribute attribute, @Nullable Throwable cause) {
		String message = "The " + describe(attribute) + " did not complete within its timeout of "
				+ attribute.getTimeout() + " seconds and was rolled back";
		if (cause == null) {
			return new TransactionTimedOutException(message + "; raise the timeout of the transaction or make "
					+ "its work faster");
		}
		return new TransactionTimedOutException(message + ", although the " + cause.getClass().getName()
				+ " it threw would have committed it; raise the timeout of the transaction or make its work faster",
				cause);
	}

	/**
	 * Await the begin of a transaction. An interrupt or time limit that strikes while it runs must
	 * not abandon it half-way: cancelled after its connection was acquired, a begin would leave that
	 * connection held by a transaction nobody completes. So the begin is given a short grace period
	 * to finish, and rolled back if it does; if it does not (it is most likely still waiting for a
	 * connection from an exhausted pool), it is cancelled.
	 */
	private static ReactiveTransaction begin(ReactiveTransactionManager transactionManager,
			TransactionAttribute attribute) {
		Sinks.One<ReactiveTransaction> begun = Sinks.one();
		Disposable begin = transactionManager.getReactiveTransaction(attribute)
			.contextWrite(Bridge.context())
			.subscribe(begun::tryEmitValue, begun::tryEmitError, begun::tryEmitEmpty);
		ReactiveTransaction status;
		try {
			status = Bridge.await(begun.asMono());
		}
		catch (BridgeInterruptedException | BridgeTimeoutException ex) {
			abandon(transactionManager, begun.asMono(), begin);
			throw ex;
		}
		if (status == null) {
			throw new TransactionSystemException(
					"Transaction manager " + transactionManager + " completed getReactiveTransaction empty");
		}
		return status;
	}

	private static void abandon(ReactiveTransactionManager transactionManager, Mono<ReactiveTransaction> begun,
			Disposable begin) {
		ReactiveTransaction late;
		try {
			late = Bridge.awaitUninterruptibly(begun, ABANDONED_BEGIN_GRACE);
		}
		catch (BridgeTimeoutException stillPending) {
			begin.dispose();
			return;
		}
		catch (RuntimeException failedToBegin) {
			logger.debug("Abandoned transaction failed to begin", failedToBegin);
			return;
		}
		try {
			if (late != null) {
				Bridge.awaitUninterruptibly(transactionManager.rollback(late));
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Abandoned transaction could not be rolled back", ex);
		}
	}

	private static void completeAfterThrowing(ReactiveTransactionManager transactionManager,
			BlockingTransaction transaction, TransactionAttribute attribute, Throwable ex, BridgeScope scope) {
		boolean rollbackByRule = attribute.rollbackOn(ex) || ex instanceof BridgeInterruptedException;
		if (rollbackByRule || scope.isPastDeadline()) {
			logger.debug("Rolling back " + describe(attribute) + " after " + ex);
			rollback(transactionManager, transaction, ex);
			if (!rollbackByRule) {
				// the deadline, not the rules, decided: say so, or the caller believes it committed
				throw timedOut(attribute, ex);
			}
			return;
		}
		try {
			commit(transactionManager, transaction);
		}
		catch (TransactionSystemException commitFailure) {
			logger.error("Application exception overridden by commit exception", ex);
			commitFailure.initApplicationException(ex);
			throw commitFailure;
		}
		catch (RuntimeException | Error commitFailure) {
			logger.error("Application exception overridden by commit exception", ex);
			throw commitFailure;
		}
	}

	private static void commit(ReactiveTransactionManager transactionManager, BlockingTransaction transaction) {
		ReactiveTransaction status = transaction.status();
		if (transaction.isParticipating() && status.isRollbackOnly()) {
			transaction.markOwnerRollbackOnly();
		}
		if (transaction.isOwner() && transaction.isMarkedRollbackOnly() && !status.isRollbackOnly()) {
			// Spring's reactive managers ignore a participant's failure at commit; blocking code
			// expects the rule of Spring's PlatformTransactionManager: roll back and say so.
			rollback(transactionManager, transaction, null);
			throw new UnexpectedRollbackException(
					"Transaction rolled back because it has been marked as rollback-only by a method that joined it");
		}
		// never cut short: a cancelled commit skips the release of its connection, and its outcome
		// (committed or not) would be unknown to the caller
		Bridge.awaitUninterruptibly(transactionManager.commit(status));
	}

	private static void rollback(ReactiveTransactionManager transactionManager, BlockingTransaction transaction,
			@Nullable Throwable cause) {
		if (transaction.isParticipating()) {
			transaction.markOwnerRollbackOnly();
		}
		try {
			// runs to its end even on an interrupted thread (a cancelled request), so that the
			// connection is released; the interrupt flag is set again afterwards
			Bridge.awaitUninterruptibly(transactionManager.rollback(transaction.status()));
		}
		catch (RuntimeException | Error rollbackFailure) {
			if (cause != null) {
				logger.error("Application exception overridden by rollback exception", cause);
				if (rollbackFailure instanceof TransactionSystemException systemException) {
					systemException.initApplicationException(cause);
				}
				else {
					rollbackFailure.addSuppressed(cause);
				}
			}
			throw rollbackFailure;
		}
	}

}
