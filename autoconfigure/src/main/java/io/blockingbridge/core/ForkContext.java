package io.blockingbridge.core;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;

/**
 * Computes the Reactor Context a fork of {@link BridgeTasks} runs with: the context of the scope it
 * was forked in, with the forking thread's current ThreadLocal values that context-propagation
 * knows (MDC, observations, the security context, registered accessors), and without the caller's
 * transaction. A transaction's connection serves one thread at a time and is committed by the
 * caller alone, so a fork must not join it: its publishers run on connections of their own.
 */
final class ForkContext {

	/**
	 * The Reactor Context keys of a transaction: Spring's reactive transaction context and its
	 * holder ({@code TransactionContextManager}'s keys), and the bridge's blocking transaction.
	 * Named, not referenced, so that the core needs neither spring-tx nor the transaction package;
	 * {@code io.blockingbridge.transaction.SpringTransactionInternals} checks at start-up that a fork
	 * leaves the keys of this version of Spring behind.
	 */
	private static final Set<String> TRANSACTION_KEYS = Set.of(
			"org.springframework.transaction.reactive.TransactionContext",
			"org.springframework.transaction.reactive.TransactionContextHolder",
			"io.blockingbridge.transaction.BlockingTransaction");

	private ForkContext() {
	}

	/**
	 * Return the context for a fork started now on the current thread.
	 * @param scope the scope of the forking thread, or {@code null} outside of any scope
	 * @return the fork's context
	 */
	static Context of(@Nullable BridgeScope scope) {
		Context context = ThreadLocalRestorer.captureInto((scope != null) ? scope.context() : Context.empty());
		List<Object> transactionKeys = context.stream()
			.map((entry) -> entry.getKey())
			.filter(ForkContext::isTransactionKey)
			.toList();
		for (Object key : transactionKeys) {
			context = context.delete(key);
		}
		return context;
	}

	private static boolean isTransactionKey(Object key) {
		return key instanceof Class<?> type && TRANSACTION_KEYS.contains(type.getName());
	}

}
