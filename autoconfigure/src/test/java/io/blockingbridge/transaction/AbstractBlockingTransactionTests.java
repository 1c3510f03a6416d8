package io.blockingbridge.transaction;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeInterruptedException;
import io.blockingbridge.core.BridgeTimeoutException;
import io.blockingbridge.core.BridgeUsageException;
import io.blockingbridge.testsupport.ItemStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Blocking-style transactions over R2DBC, run against each database by a subclass: a real server on
 * a random port, a pooled R2DBC connection factory, Spring Boot's own R2dbcTransactionManager.
 */
abstract class AbstractBlockingTransactionTests extends AbstractTransactionApplicationTests {

	@Autowired
	ItemStore store;

	@Autowired
	BlockingItemService service;

	@Autowired
	ReactiveItemService reactiveService;

	@Autowired
	BlockingTransactions transactions;

	@Autowired
	ReactiveTransactionManager transactionManager;

	@Autowired
	DatabaseClient databaseClient;

	@Autowired
	TransactionalItemController controller;

	@Autowired
	WebTestClient webTestClient;

	@LocalServerPort
	int port;

	@BeforeEach
	void resetTable() {
		this.store.reset();
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void commitKeepsEveryWriteOfTheMethod() {
		this.service.insertAll(1, 2, 3);
		assertThat(this.store.ids()).containsExactly(1, 2, 3);
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void runtimeExceptionRollsBackEveryWriteOfTheMethod() {
		assertThatIllegalStateException().isThrownBy(() -> this.service.insertAllThenFail(1, 2, 3))
			.withMessage("failing after the inserts");
		assertThat(this.store.ids()).isEmpty();
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void rollbackRulesOfTheAttributeApply() {
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.service.insertThenThrowCheckedWithRollbackFor(1));
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.service.insertThenThrowChecked(2));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.service.insertThenThrowNoRollbackFor(3));
		// rollbackFor=Exception rolls back; a checked exception commits by default, as does noRollbackFor
		assertThat(this.store.ids()).containsExactly(2, 3);
	}

	@Test
	void setRollbackOnlyRollsBackWithoutAnException() {
		this.service.insertThenSetRollbackOnly(1);
		assertThat(this.store.ids()).isEmpty();
	}

	@Test
	void everyCallOnTheThreadRunsOnTheTransactionsConnection() {
		// the reactive DatabaseClient awaited through the bridge joins the transaction too
		assertThatIllegalStateException().isThrownBy(() -> this.service.insertWithReactiveClientThenFail(1));
		assertThat(this.store.ids()).isEmpty();
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void nestedRequiredJoinsTheOuterTransaction() {
		assertThat(this.service.isNewTransaction()).isTrue();
		boolean innerWasNew = this.service.insertJoiningInner(1, 2, false);
		assertThat(innerWasNew).isFalse();
		assertThat(this.store.ids()).containsExactly(1, 2);

		assertThatIllegalStateException().isThrownBy(() -> this.service.insertJoiningInner(3, 4, true));
		assertThat(this.store.ids()).containsExactly(1, 2);
	}

	@Test
	void failedJoinedMethodMarksTheWholeTransactionRollbackOnly() {
		assertThatExceptionOfType(UnexpectedRollbackException.class)
			.isThrownBy(() -> this.service.insertCatchingInnerFailure(1, 2));
		assertThat(this.store.ids()).isEmpty();
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void requiresNewCommitSurvivesTheOuterRollback() {
		assertThatIllegalStateException().isThrownBy(() -> this.service.insertWithRequiresNewThenFail(1, 2, 3, true));
		assertThat(this.store.ids()).containsExactly(2);
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void requiresNewSuspendsAndResumesTheOuterTransaction() {
		List<Integer> seenByOuter = this.service.insertWithRequiresNewThenFail(1, 2, 3, false);
		assertThat(seenByOuter).containsExactly(1, 2, 3);
		assertThat(this.store.ids()).containsExactly(1, 2, 3);
	}

	@Test
	void nestedRollsBackToItsSavepoint() {
		this.service.insertWithFailingNested(1, 2, 3);
		assertThat(this.store.ids()).containsExactly(1, 3);
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void readOnlyIsAppliedToTheTransaction() {
		assertThat(this.service.readOnlyFlagOfTransaction()).isTrue();
	}

	@Test
	void isolationIsAppliedToTheTransaction() {
		Integer isolation = this.service.inSerializableTransaction(() -> Bridge.await(TransactionSynchronizationManager
			.forCurrentTransaction()
			.mapNotNull(TransactionSynchronizationManager::getCurrentTransactionIsolationLevel)));
		assertThat(isolation).isEqualTo(TransactionDefinition.ISOLATION_SERIALIZABLE);
		String seenByDatabase = this.service.inSerializableTransaction(this::isolationLevelSeenByDatabase);
		assertThat(seenByDatabase).isEqualToIgnoringCase("serializable");
	}

	/**
	 * Ask the database for the isolation level of the current transaction.
	 * @return the level's name, such as "serializable"
	 */
	abstract String isolationLevelSeenByDatabase();

	@Test
	void aForkRunsOutsideOfTheCallersTransactionOnAConnectionOfItsOwn() {
		assertThat(this.service.insertThenFork(1, 2, false)).containsExactly(
				"sees the caller's insert: false, in a transaction: false, transaction context: false", "inserted 2");
		assertThat(this.store.ids()).containsExactly(1, 2);
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void aForksWriteStaysWhenTheCallersTransactionRollsBack() {
		assertThatIllegalStateException().isThrownBy(() -> this.service.insertThenFork(1, 2, true))
			.withMessage("failing after the forks");
		assertThat(this.store.ids()).containsExactly(2);
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void timeoutOfTheTransactionRollsItBack() {
		assertThatExceptionOfType(BridgeTimeoutException.class).isThrownBy(() -> this.service.insertThenExceedTimeout(1))
			// the await got what remained of the transaction's one second
			.satisfies((ex) -> assertThat(ex.getTimeout()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1)));
		assertThat(this.store.ids()).isEmpty();
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void transactionPastItsDeadlineAtCommitIsRolledBack() {
		assertThatExceptionOfType(TransactionTimedOutException.class)
			.isThrownBy(() -> this.service.insertThenOverrunDeadlineWithoutAwaiting(1));
		assertThat(this.store.ids()).isEmpty();
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void threadInterruptedWhenTheMethodReturnsRollsBack() throws Exception {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicReference<Boolean> interruptedAfterwards = new AtomicReference<>();
		Thread thread = Thread.ofVirtual().start(() -> {
			try {
				this.service.insertThenReturnInterrupted(1);
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
			interruptedAfterwards.set(Thread.currentThread().isInterrupted());
		});
		thread.join(10_000);
		assertThat(failure.get()).isInstanceOf(BridgeInterruptedException.class);
		assertThat(interruptedAfterwards.get()).isTrue();
		assertThat(this.store.ids()).isEmpty();
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void interruptOnAPlainThreadRollsBackAndKeepsTheFlag() throws Exception {
		CountDownLatch inserted = new CountDownLatch(1);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicReference<Boolean> interruptedAfterwards = new AtomicReference<>();
		Thread thread = Thread.ofPlatform().name("bb-tx-interrupted").start(() -> {
			try {
				this.service.insertThenWaitForever(1, inserted);
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
			interruptedAfterwards.set(Thread.currentThread().isInterrupted());
		});
		assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.store.acquiredConnections()).isOne();
		thread.interrupt();
		thread.join(10_000);
		assertThat(failure.get()).isInstanceOf(BridgeInterruptedException.class);
		assertThat(interruptedAfterwards.get()).isTrue();
		assertThat(this.store.ids()).isEmpty();
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void propagationSupportsMandatoryNeverAndNotSupported() {
		assertThatIllegalStateException().isThrownBy(() -> this.service.supportsInsertThenFail(1));
		assertThat(this.store.ids()).as("SUPPORTS without a transaction has nothing to roll back").containsExactly(1);
		assertThatExceptionOfType(IllegalTransactionStateException.class).isThrownBy(() -> this.service.mandatory(2));
		assertThatExceptionOfType(IllegalTransactionStateException.class).isThrownBy(this.service::callingNever);
		assertThat(this.service.never().isNewTransaction()).isFalse();
		assertThat(this.store.ids()).containsExactly(1);
		assertThatIllegalStateException().isThrownBy(() -> this.service.insertWithNotSupportedThenFail(2, 3));
		assertThat(this.store.ids()).as("NOT_SUPPORTED ran outside of the rolled back transaction")
			.containsExactly(1, 3);
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void reactiveAndBlockingTransactionalMethodsSideBySide() {
		StepVerifier.create(this.reactiveService.insert(1)).verifyComplete();
		StepVerifier.create(this.reactiveService.insertThenFail(2)).verifyError(IllegalStateException.class);
		StepVerifier.create(this.reactiveService.insertAndList(3)).expectNext(1, 3).verifyComplete();
		this.service.insertAll(4);
		assertThat(this.store.ids()).containsExactly(1, 3, 4);
		// a reactive @Transactional method awaited from a blocking one joins its transaction
		assertThatIllegalStateException().isThrownBy(() -> this.service.insertBlockingAndReactiveThenFail(5, 6));
		assertThat(this.store.ids()).containsExactly(1, 3, 4);
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void duplicateKeyIsCaughtInBlockingCode() {
		this.store.insert(1, "first");
		boolean caught = false;
		try {
			this.store.insert(1, "again");
		}
		catch (DuplicateKeyException ex) {
			caught = true;
		}
		assertThat(caught).isTrue();
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> this.service.insertTwiceInTransaction(2));
		assertThat(this.store.ids()).containsExactly(1);
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void programmaticTransactions() {
		Integer result = this.transactions.execute((status) -> {
			assertThat(status.isNewTransaction()).isTrue();
			this.store.insert(1, "programmatic");
			return 42;
		});
		assertThat(result).isEqualTo(42);
		assertThatIllegalStateException().isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			this.store.insert(2, "programmatic");
			throw new IllegalStateException("rolled back");
		}));
		this.transactions.executeWithoutResult((status) -> {
			this.store.insert(3, "programmatic");
			status.setRollbackOnly();
		});
		BlockingTransactions requiresNew = this.transactions
			.withDefinition(new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW));
		assertThatIllegalStateException().isThrownBy(() -> this.transactions.executeWithoutResult((outer) -> {
			this.store.insert(4, "outer");
			requiresNew.executeWithoutResult((inner) -> this.store.insert(5, "inner"));
			throw new IllegalStateException("outer rolled back");
		}));
		assertThat(this.store.ids()).containsExactly(1, 5);
		assertThat(BlockingTransactions.currentTransaction()).isEmpty();
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void transactionalBlockingStyleRequests() {
		this.webTestClient.post().uri("/bb-tx/items/1").exchange().expectStatus().isCreated();
		this.webTestClient.post().uri("/bb-tx/items/2/fail").exchange().expectStatus().is5xxServerError();
		this.webTestClient.get()
			.uri("/bb-tx/items")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(Integer.class)
			.isEqualTo(List.of(1));
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void clientDisconnectInTheMiddleOfATransactionalRequestLeavesNoRowAndNoHeldConnection() throws Exception {
		this.controller.expectWaitingRequest();
		Disposable request = HttpClient.newConnection()
			.port(this.port)
			.post()
			.uri("/bb-tx/items/7/wait")
			.response()
			.subscribe();
		try {
			assertThat(this.controller.inserted().await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(this.store.acquiredConnections()).isOne();
		}
		finally {
			request.dispose();
		}
		assertThat(this.controller.ended().await(10, TimeUnit.SECONDS)).as("request thread ended").isTrue();
		assertThat(this.controller.failure()).isInstanceOf(BridgeInterruptedException.class);
		assertThat(this.store.ids()).isEmpty();
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void publisherSubscribedAroundTheBridgeInsideATransactionIsRefused() {
		// Spring wraps the refusal: DataAccessResourceFailureException, CannotCreateTransactionException
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.service.insertThenBlockAroundTheBridge(1, 2))
			.havingRootCause()
			.isInstanceOf(IllegalTransactionStateException.class)
			.withMessageContaining("Bridge.await");
		assertThatExceptionOfType(TransactionException.class)
			.isThrownBy(() -> this.service.insertThenBlockOnReactiveTransactionalMethod(3, 4))
			.havingRootCause()
			.isInstanceOf(IllegalTransactionStateException.class);
		assertThat(this.store.ids()).isEmpty();
		assertThat(this.store.acquiredConnections()).isZero();
		// outside of a blocking transaction block() works as ever
		this.databaseClient.sql("INSERT INTO bb_tx_item (id, name) VALUES (5, 'plain')").then().block();
		assertThat(this.store.ids()).containsExactly(5);
	}

	@Test
	void blockingCodeSpawnedInAReactiveTransactionJoinsIt() {
		StepVerifier.create(this.reactiveService.spawnBlockingInsertThenFail(1, this.service, 2))
			.verifyErrorMessage("reactive failure after the blocking insert");
		assertThat(this.store.ids()).isEmpty();
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void blockingTransactionOnANonBlockingThreadFailsAtOnceWithAHint() {
		Mono<Void> onNonBlockingThread = Mono.<Void>fromRunnable(() -> this.service.insertAll(1))
			.subscribeOn(Schedulers.parallel());
		StepVerifier.create(onNonBlockingThread)
			.verifyErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(BridgeUsageException.class)
				.hasMessageContaining("@BlockingStyle")
				.hasMessageContaining("Bridge.spawn"));
		assertThat(this.store.ids()).isEmpty();
	}

	@Test
	void interruptWhileWaitingForAConnectionLeavesNothingHeld() throws Exception {
		int poolSize = this.store.maxConnections();
		CountDownLatch inserted = new CountDownLatch(poolSize);
		List<Thread> holders = new java.util.ArrayList<>();
		for (int i = 0; i < poolSize; i++) {
			int id = 10 + i;
			holders.add(Thread.ofVirtual().start(() -> this.service.insertThenWaitForever(id, inserted)));
		}
		AtomicReference<Throwable> failure = new AtomicReference<>();
		try {
			assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();
			Thread waiting = Thread.ofVirtual().start(() -> {
				try {
					this.service.insertAll(1);
				}
				catch (Throwable ex) {
					failure.set(ex);
				}
			});
			awaitCondition(() -> this.store.pendingAcquires() == 1);
			waiting.interrupt();
			waiting.join(10_000);
			assertThat(failure.get()).isInstanceOf(BridgeInterruptedException.class);
		}
		finally {
			for (Thread holder : holders) {
				holder.interrupt();
				holder.join(10_000);
			}
		}
		awaitCondition(() -> this.store.acquiredConnections() == 0);
		assertThat(this.store.pendingAcquires()).isZero();
		assertThat(this.store.ids()).isEmpty();
	}

	/** Wait for a condition that the server side reaches asynchronously; generous, never a hang. */
	private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime() - deadline).as("condition reached within 10 seconds").isNegative();
			Thread.sleep(10);
		}
	}

}
