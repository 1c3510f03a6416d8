package io.blockingbridge.r2dbc;

/**
 * The transaction completion scenarios against H2 in memory, its completion made asynchronous by
 * {@link SlowCompletionConnectionFactory}.
 */
class H2TransactionCompletionTests extends AbstractTransactionCompletionTests {

	@Override
	String r2dbcUrl() {
		return "r2dbc:h2:mem:///bb_completion?options=DB_CLOSE_DELAY=-1";
	}

}
