package io.blockingbridge.transaction;

import io.blockingbridge.testsupport.ItemStore;

import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Transactional methods that {@link BlockingItemService} calls from within its own transactions.
 */
class BlockingInnerItemService {

	private final ItemStore store;

	BlockingInnerItemService(ItemStore store) {
		this.store = store;
	}

	/** Returns whether this method started a transaction of its own. */
	@Transactional
	public boolean insertRequired(int id) {
		this.store.insert(id, "inner");
		return BlockingTransactions.currentTransaction().orElseThrow().isNewTransaction();
	}

	@Transactional
	public void insertRequiredThenFail(int id) {
		this.store.insert(id, "inner");
		throw new IllegalStateException("inner fails");
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void insertRequiresNew(int id) {
		this.store.insert(id, "inner, new transaction");
	}

	@Transactional(propagation = Propagation.NESTED)
	public void insertNestedThenFail(int id) {
		this.store.insert(id, "nested");
		throw new IllegalStateException("nested fails");
	}

	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public void insertNotSupported(int id) {
		this.store.insert(id, "outside of the transaction");
	}

	@Transactional(propagation = Propagation.NEVER)
	public void never() {
	}

}
