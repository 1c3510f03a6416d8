package io.blockingbridge.transaction;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transaction completion scenarios against H2 in memory, its completion made asynchronous by
 * {@link SlowCompletionConnectionFactory}.
 */
class H2TransactionCompletionTests extends AbstractTransactionCompletionTests {

	private static final AtomicInteger databases = new AtomicInteger();

	/** A database of its own for each test, so that a leaked connection's locks cannot spill over. */
	@Override
	String r2dbcUrl() {
		return "r2dbc:h2:mem:///bb_completion_" + databases.incrementAndGet();
	}

}
