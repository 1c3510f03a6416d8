package io.blockingbridge.transaction;

import io.blockingbridge.core.BridgeUsageException;
import io.blockingbridge.testsupport.StartFailures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.util.context.Context;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.transaction.reactive.TransactionContextManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@link SpringTransactionInternals}: forks leave the transaction context of the Spring version of
 * this build behind; a version that kept its transaction under a key the core does not name (stood
 * for by a context with another key) fails the start with an analysis naming the version and what
 * to do.
 */
@Timeout(10)
class SpringTransactionInternalsTests {

	@Test
	void forksLeaveTheTransactionOfThisSpringVersionBehind() {
		Context transaction = TransactionContextManager.getOrCreateContext()
			.apply(TransactionContextManager.getOrCreateContextHolder().apply(Context.empty()))
			.put(BlockingTransaction.KEY, BlockingTransaction.KEY);
		assertThat(transaction.size()).isEqualTo(3);
		assertThatNoException().isThrownBy(() -> SpringTransactionInternals.check(transaction, "7.0.8"));
		assertThatNoException().isThrownBy(SpringTransactionInternals::check);
	}

	@Test
	void aTransactionUnderAKeyTheBridgeDoesNotKnowFailsTheStart() {
		Context transaction = TransactionContextManager.getOrCreateContextHolder()
			.apply(Context.empty())
			.put(RenamedTransactionContext.class, new RenamedTransactionContext());
		BridgeUsageException[] failure = new BridgeUsageException[1];
		assertThatExceptionOfType(BridgeUsageException.class)
			.isThrownBy(() -> SpringTransactionInternals.check(transaction, "7.9.0"))
			.satisfies((ex) -> failure[0] = ex);
		FailureAnalysis analysis = StartFailures.analysisOf(failure[0]);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("Spring Framework (7.9.0)",
				"under " + RenamedTransactionContext.class.getName() + ", which the bridge does not know")
			.doesNotContain("TransactionContextHolder");
		assertThat(analysis.getAction()).isEqualTo("Use a version of Blocking Bridge that supports Spring Framework "
				+ "7.9.0, or switch the bridge off with 'bridge.enabled: false' until there is one.");
	}

	/** Stands for Spring's TransactionContext after a rename. */
	static final class RenamedTransactionContext {

	}

}
