package io.blockingbridge.transaction;

import java.util.List;
import java.util.Map;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeScope;
import io.blockingbridge.core.BridgeTasks;
import io.blockingbridge.core.BridgeUsageException;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import org.springframework.core.SpringVersion;
import org.springframework.transaction.reactive.TransactionContextManager;

/**
 * The one place the bridge's reliance on Spring's reactive transaction internals is checked: a fork
 * of {@link Bridge#concurrently()} must not join its caller's transaction (a connection serves one
 * thread at a time), so the core drops the Reactor Context keys of a transaction from a fork's
 * context. The core names those keys (Spring's {@code TransactionContext} and
 * {@code TransactionContextHolder}, the bridge's {@link BlockingTransaction}) instead of
 * referencing them, so that it needs no spring-tx.
 * <p>
 * {@link #check()} runs at start-up (when a {@link BlockingTransactions} or
 * {@link BlockingTransactionInterceptor} is created, once per class loader): it forks a task in a
 * scope holding a transaction context made by Spring's {@link TransactionContextManager}, as a
 * blocking transaction does, and verifies that the fork sees none of its keys. If this version of
 * Spring keeps a transaction under other keys, the application fails to start with a
 * {@link BridgeUsageException} naming the Spring Framework version and what to do, instead of
 * letting forks share their caller's connection.
 */
final class SpringTransactionInternals {

	private static volatile boolean verified;

	private SpringTransactionInternals() {
	}

	/**
	 * Verify once that forks leave the transaction context of this version of Spring behind.
	 * @throws BridgeUsageException if they do not
	 */
	static void check() {
		if (verified || !Bridge.isBlockingAllowed()) {
			return;
		}
		Context transaction = TransactionContextManager.getOrCreateContext()
			.apply(TransactionContextManager.getOrCreateContextHolder().apply(Context.empty()))
			.put(BlockingTransaction.KEY, BlockingTransaction.KEY);
		check(transaction, SpringVersion.getVersion());
		verified = true;
	}

	/**
	 * Verify that a fork leaves every key of the given transaction context behind; in tests, a
	 * context that stands for a version of Spring that keeps its transaction under other keys.
	 * @param transaction the Reactor Context of a transaction
	 * @param springVersion the Spring Framework version to name if a key is kept
	 * @throws BridgeUsageException if a fork keeps a key
	 */
	static void check(Context transaction, @Nullable String springVersion) {
		ContextView forked;
		try (BridgeScope scope = BridgeScope.open(transaction); BridgeTasks tasks = Bridge.concurrently()) {
			BridgeTasks.Subtask<ContextView> fork = tasks.fork(Bridge::context);
			tasks.join();
			forked = fork.get();
		}
		List<String> kept = transaction.stream()
			.map(Map.Entry::getKey)
			.filter(forked::hasKey)
			.map((key) -> (key instanceof Class<?> type) ? type.getName() : String.valueOf(key))
			.toList();
		if (!kept.isEmpty()) {
			throw new BridgeUsageException("Blocking Bridge cannot keep transactions out of the forks of "
					+ "Bridge.concurrently() with this version of Spring Framework (" + springVersion + "): it keeps a "
					+ "transaction in the Reactor Context under " + String.join(", ", kept) + ", which the bridge "
					+ "does not know, so a fork would join its caller's transaction and use its connection from "
					+ "another thread.",
					"Use a version of Blocking Bridge that supports Spring Framework " + springVersion
							+ ", or switch the bridge off with 'bridge.enabled: false' until there is one.");
		}
	}

}
