package io.blockingbridge.transaction;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.testsupport.ItemStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reactive {@code @Transactional} methods, using the same transaction manager as the blocking ones.
 */
class ReactiveItemService {

	private final DatabaseClient databaseClient;

	private final ItemStore store;

	ReactiveItemService(DatabaseClient databaseClient, ItemStore store) {
		this.databaseClient = databaseClient;
		this.store = store;
	}

	/** Runs blocking code, itself transactional, inside this reactive transaction, then fails. */
	@Transactional
	public Mono<Void> spawnBlockingInsertThenFail(int reactiveId, BlockingItemService blocking, int blockingId) {
		return insert(reactiveId).then(Bridge.spawn(() -> {
			blocking.insertAll(blockingId);
			return null;
		})).then(Mono.error(new IllegalStateException("reactive failure after the blocking insert")));
	}

	@Transactional
	public Mono<Void> insert(int id) {
		return this.databaseClient.sql("INSERT INTO bb_tx_item (id, name) VALUES (:id, 'reactive')")
			.bind("id", id)
			.then();
	}

	@Transactional
	public Mono<Void> insertThenFail(int id) {
		return insert(id).then(Mono.error(new IllegalStateException("reactive failure after the insert")));
	}

	@Transactional
	public Flux<Integer> insertAndList(int id) {
		return insert(id).thenMany(this.databaseClient.sql("SELECT id FROM bb_tx_item ORDER BY id")
			.mapValue(Integer.class)
			.all());
	}

}
