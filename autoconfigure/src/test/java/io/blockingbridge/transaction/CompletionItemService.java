package io.blockingbridge.transaction;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeTimeoutException;
import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import reactor.core.publisher.Mono;

import org.springframework.transaction.annotation.Transactional;

/**
 * Transactional methods whose completion the {@link AbstractTransactionCompletionTests} disturb.
 */
public class CompletionItemService {

	private final BlockingDatabaseClient client;

	public CompletionItemService(BlockingDatabaseClient client) {
		this.client = client;
	}

	@Transactional
	public int insert(int id) {
		insertRow(id);
		return id;
	}

	@Transactional
	public void insertThenInterruptedThenThrowChecked(int id) throws IOException {
		insertRow(id);
		Thread.currentThread().interrupt();
		throw new IOException("checked, so the transaction commits");
	}

	@Transactional
	public void insertThenFail(int id) {
		insertRow(id);
		throw new IllegalStateException("failing after the insert");
	}

	@Transactional(timeout = 2)
	public void insertThenAwaitTwice(int id, Duration first, CountDownLatch firstDone) {
		insertRow(id);
		Bridge.await(Mono.delay(first));
		firstDone.countDown();
		Bridge.await(Mono.never());
	}

	@Transactional(timeout = 1, noRollbackFor = BridgeTimeoutException.class)
	public void insertThenOutliveDeadlineWithNoRollbackFor(int id) {
		insertRow(id);
		Bridge.await(Mono.never());
	}

	private void insertRow(int id) {
		this.client.sql("INSERT INTO bb_completion_item (id) VALUES (:id)").bind("id", id).fetch().rowsUpdated();
	}

}
