package io.blockingbridge.transaction;

import io.blockingbridge.core.Bridge;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;

import org.springframework.transaction.ReactiveTransaction;

/**
 * A blocking transaction in progress: its status, and the transaction that owns the physical one
 * it joined, to be marked rollback-only when this one fails. It travels in the Reactor Context of
 * the bridge scope the transaction's code runs in.
 */
final class BlockingTransaction {

	/** The key of the current blocking transaction in the scope's context; forks leave it behind. */
	static final Object KEY = BlockingTransaction.class;

	private final ReactiveTransaction status;

	private final @Nullable BlockingTransaction owner;

	private volatile boolean markedRollbackOnly;

	private BlockingTransaction(ReactiveTransaction status, @Nullable BlockingTransaction owner) {
		this.status = status;
		this.owner = owner;
	}

	static BlockingTransaction begun(ReactiveTransaction status, @Nullable BlockingTransaction enclosing) {
		boolean participating = status.hasTransaction() && !status.isNewTransaction() && !status.isNested();
		if (!participating || enclosing == null) {
			return new BlockingTransaction(status, null);
		}
		return new BlockingTransaction(status, (enclosing.owner != null) ? enclosing.owner : enclosing);
	}

	/**
	 * Return the innermost blocking transaction the current thread runs in.
	 * @return the transaction, or {@code null} outside of one
	 */
	static @Nullable BlockingTransaction current() {
		return Bridge.context().getOrDefault(KEY, null);
	}

	/**
	 * Return the given context with this transaction as the current one.
	 * @param context the context of the transaction's scope
	 * @return the context to run the transaction's code with
	 */
	Context addTo(Context context) {
		return context.put(KEY, this);
	}

	ReactiveTransaction status() {
		return this.status;
	}

	boolean isParticipating() {
		return this.owner != null;
	}

	boolean isOwner() {
		return this.owner == null && (this.status.isNewTransaction() || this.status.isNested());
	}

	void markOwnerRollbackOnly() {
		if (this.owner != null) {
			this.owner.markedRollbackOnly = true;
		}
	}

	boolean isMarkedRollbackOnly() {
		return this.markedRollbackOnly;
	}

}
