package io.blockingbridge.transaction;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.testsupport.ItemStore;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransaction;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.reactive.TransactionContext;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

/**
 * Blocking-style {@code @Transactional} methods, the subject of the transaction tests.
 */
class BlockingItemService {

	private final ItemStore store;

	private final BlockingInnerItemService inner;

	private final ReactiveItemService reactive;

	private final DatabaseClient databaseClient;

	BlockingItemService(ItemStore store, BlockingInnerItemService inner, ReactiveItemService reactive,
			DatabaseClient databaseClient) {
		this.store = store;
		this.inner = inner;
		this.reactive = reactive;
		this.databaseClient = databaseClient;
	}

	@Transactional
	public void insertAll(int... ids) {
		for (int id : ids) {
			this.store.insert(id, "item " + id);
		}
	}

	@Transactional
	public void insertAllThenFail(int... ids) {
		insertAll(ids);
		throw new IllegalStateException("failing after the inserts");
	}

	/**
	 * Inserts {@code id} in this transaction, then forks two tasks: one reports what it sees, the
	 * other inserts {@code forkedId}; then fails if told to.
	 */
	@Transactional
	public List<String> insertThenFork(int id, int forkedId, boolean fail) {
		this.store.insert(id, "caller");
		List<String> seen = Bridge.all(List.of(
				() -> "sees the caller's insert: " + this.store.ids().contains(id) + ", in a transaction: "
						+ BlockingTransactions.currentTransaction().isPresent() + ", transaction context: "
						+ Bridge.context().hasKey(TransactionContext.class),
				() -> {
					this.store.insert(forkedId, "fork");
					return "inserted " + forkedId;
				}));
		if (fail) {
			throw new IllegalStateException("failing after the forks");
		}
		return seen;
	}

	@Transactional(rollbackFor = Exception.class)
	public void insertThenThrowCheckedWithRollbackFor(int id) throws IOException {
		this.store.insert(id, "checked");
		throw new IOException("checked failure");
	}

	@Transactional
	public void insertThenThrowChecked(int id) throws IOException {
		this.store.insert(id, "checked");
		throw new IOException("checked failure");
	}

	@Transactional(noRollbackFor = IllegalArgumentException.class)
	public void insertThenThrowNoRollbackFor(int id) {
		this.store.insert(id, "no rollback");
		throw new IllegalArgumentException("not a reason to roll back");
	}

	@Transactional
	public void insertThenSetRollbackOnly(int id) {
		this.store.insert(id, "rollback only");
		BlockingTransactions.currentTransaction().orElseThrow().setRollbackOnly();
	}

	@Transactional
	public boolean isNewTransaction() {
		return BlockingTransactions.currentTransaction().orElseThrow().isNewTransaction();
	}

	/** Returns whether the inner method started a transaction of its own. */
	@Transactional
	public boolean insertJoiningInner(int outerId, int innerId, boolean fail) {
		this.store.insert(outerId, "outer");
		boolean innerWasNew = this.inner.insertRequired(innerId);
		if (fail) {
			throw new IllegalStateException("outer fails after the inner method");
		}
		return innerWasNew;
	}

	@Transactional
	public void insertCatchingInnerFailure(int outerId, int innerId) {
		this.store.insert(outerId, "outer");
		try {
			this.inner.insertRequiredThenFail(innerId);
		}
		catch (IllegalStateException ex) {
			// swallowed: the joined transaction is rollback-only all the same
		}
	}

	/** Returns the ids the outer transaction sees after the inner one has committed. */
	@Transactional
	public List<Integer> insertWithRequiresNewThenFail(int outerId, int innerId, int afterId, boolean fail) {
		this.store.insert(outerId, "outer");
		this.inner.insertRequiresNew(innerId);
		this.store.insert(afterId, "outer again");
		List<Integer> seen = this.store.ids();
		if (fail) {
			throw new IllegalStateException("outer fails after the inner transaction committed");
		}
		return seen;
	}

	@Transactional
	public void insertWithFailingNested(int before, int nested, int after) {
		this.store.insert(before, "before");
		try {
			this.inner.insertNestedThenFail(nested);
		}
		catch (IllegalStateException ex) {
			// the savepoint was rolled back; the outer transaction goes on
		}
		this.store.insert(after, "after");
	}

	@Transactional(readOnly = true)
	public boolean readOnlyFlagOfTransaction() {
		return Boolean.TRUE.equals(Bridge.await(TransactionSynchronizationManager.forCurrentTransaction()
			.map(TransactionSynchronizationManager::isCurrentTransactionReadOnly)));
	}

	@Transactional(readOnly = true)
	public void insertReadOnly(int id) {
		this.store.insert(id, "read only");
	}

	@Transactional(isolation = Isolation.SERIALIZABLE)
	public <T> T inSerializableTransaction(java.util.function.Supplier<T> body) {
		return body.get();
	}

	@Transactional(timeout = 1)
	public void insertThenExceedTimeout(int id) {
		this.store.insert(id, "timeout");
		Bridge.await(Mono.never());
	}

	@Transactional(timeout = 1)
	public void insertThenOverrunDeadlineWithoutAwaiting(int id) throws InterruptedException {
		this.store.insert(id, "deadline");
		Thread.sleep(1100);
	}

	@Transactional
	public void insertThenReturnInterrupted(int id) {
		this.store.insert(id, "interrupted");
		Thread.currentThread().interrupt();
	}

	@Transactional
	public void insertThenWaitForever(int id, CountDownLatch inserted) {
		this.store.insert(id, "waiting");
		inserted.countDown();
		Bridge.await(Mono.never());
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void mandatory(int id) {
		this.store.insert(id, "mandatory");
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public boolean supportsInsertThenFail(int id) {
		this.store.insert(id, "supports");
		throw new IllegalStateException("failing without a transaction to roll back");
	}

	@Transactional
	public void insertWithNotSupportedThenFail(int outerId, int innerId) {
		this.store.insert(outerId, "outer");
		this.inner.insertNotSupported(innerId);
		throw new IllegalStateException("outer fails");
	}

	@Transactional
	public void callingNever() {
		this.inner.never();
	}

	@Transactional(propagation = Propagation.NEVER)
	public ReactiveTransaction never() {
		return BlockingTransactions.currentTransaction().orElseThrow();
	}

	@Transactional
	public void insertBlockingAndReactiveThenFail(int blockingId, int reactiveId) {
		this.store.insert(blockingId, "blocking");
		Bridge.await(this.reactive.insert(reactiveId));
		throw new IllegalStateException("failing after both inserts");
	}

	@Transactional
	public void insertWithReactiveClientThenFail(int id) {
		Bridge.await(this.databaseClient.sql("INSERT INTO bb_tx_item (id, name) VALUES (:id, 'reactive client')")
			.bind("id", id)
			.then());
		throw new IllegalStateException("failing after the insert");
	}

	@Transactional
	public void insertTwiceInTransaction(int id) {
		this.store.insert(id, "first");
		this.store.insert(id, "duplicate");
	}

	@Transactional
	public void insertThenBlockAroundTheBridge(int id, int blockedId) {
		this.store.insert(id, "bridged");
		this.databaseClient.sql("INSERT INTO bb_tx_item (id, name) VALUES (:id, 'blocked')")
			.bind("id", blockedId)
			.then()
			.block();
	}

	@Transactional
	public void insertThenBlockOnReactiveTransactionalMethod(int id, int blockedId) {
		this.store.insert(id, "bridged");
		this.reactive.insert(blockedId).block();
	}

}
