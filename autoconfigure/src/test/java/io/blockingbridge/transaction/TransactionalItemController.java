package io.blockingbridge.transaction;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import io.blockingbridge.testsupport.ItemStore;
import io.blockingbridge.web.BlockingStyle;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A blocking-style controller calling transactional methods. It records how its waiting request
 * ended, so that tests can observe a request whose client went away.
 */
@RestController
@BlockingStyle
class TransactionalItemController {

	private final BlockingItemService service;

	private final ItemStore store;

	private volatile CountDownLatch inserted = new CountDownLatch(1);

	private volatile CountDownLatch ended = new CountDownLatch(1);

	private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

	TransactionalItemController(BlockingItemService service, ItemStore store) {
		this.service = service;
		this.store = store;
	}

	@PostMapping("/bb-tx/items/{id}")
	@ResponseStatus(HttpStatus.CREATED)
	void insert(@PathVariable int id) {
		this.service.insertAll(id);
	}

	@PostMapping("/bb-tx/items/{id}/fail")
	void insertThenFail(@PathVariable int id) {
		this.service.insertAllThenFail(id);
	}

	@GetMapping("/bb-tx/items")
	List<Integer> ids() {
		return this.store.ids();
	}

	@PostMapping("/bb-tx/items/{id}/wait")
	void insertThenWait(@PathVariable int id) {
		try {
			this.service.insertThenWaitForever(id, this.inserted);
		}
		catch (RuntimeException ex) {
			this.failure.set(ex);
			throw ex;
		}
		finally {
			this.ended.countDown();
		}
	}

	void expectWaitingRequest() {
		this.inserted = new CountDownLatch(1);
		this.ended = new CountDownLatch(1);
		this.failure.set(null);
	}

	CountDownLatch inserted() {
		return this.inserted;
	}

	CountDownLatch ended() {
		return this.ended;
	}

	@Nullable Throwable failure() {
		return this.failure.get();
	}

}
