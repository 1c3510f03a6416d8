package io.blockingbridge.sample.orders;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.blockingbridge.sample.kitchen.KitchenClient;
import io.blockingbridge.sample.kitchen.KitchenProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Resolves orders that no request will complete any more: {@code PENDING} orders older than
 * {@code orders.recovery.pending-age} (their request died with the application). Each one is
 * cancelled at the kitchen first and then stored {@code FAILED} with a conditional update.
 * <p>
 * Several instances sharing the database may run recovery at the same time; each order is recovered
 * by one of them. A pass first claims an order with a conditional {@code UPDATE} of its
 * {@code recovery_claimed_at} (only one instance's update finds the order unclaimed; no row lock is
 * held while the kitchen is called, and it works the same on H2), then cancels it at the kitchen and
 * fails it. A claim lasts {@code pending-age}: the order of a recoverer that died meanwhile is
 * claimed again by the next pass after that. An order whose cancellation the kitchen does not
 * confirm is released and stays {@code PENDING}, to be tried again at the next pass. (Should two
 * recoverers still meet on an order, the kitchen's cancellation is idempotent and only one
 * conditional update stores it {@code FAILED}.) {@code Idempotency-Key}s whose request recorded no
 * answer get the answer of their order once it is settled (a key linked to an order is never
 * released: a retry would place a second order); recorded answers older than
 * {@code orders.recovery.idempotency-retention} removed.
 * <p>
 * Runs once the application has started and then every {@code orders.recovery.interval}, on a
 * virtual thread of its own (blocking-style code outside any request).
 */
@Component
public class OrderRecovery implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(OrderRecovery.class);

	private final BlockingDatabaseClient database;

	private final OrderBook orderBook;

	private final KitchenClient kitchen;

	private final RecoveryProperties properties;

	private final IdempotencyKeys idempotencyKeys;

	private volatile @Nullable Thread worker;

	OrderRecovery(BlockingDatabaseClient database, OrderBook orderBook, KitchenClient kitchen,
			RecoveryProperties properties, KitchenProperties kitchenProperties, IdempotencyKeys idempotencyKeys) {
		if (properties.pendingAge().compareTo(kitchenProperties.timeout()) <= 0) {
			throw new IllegalStateException("orders.recovery.pending-age (" + properties.pendingAge()
					+ ") must be longer than kitchen.timeout (" + kitchenProperties.timeout()
					+ "), or recovery would fail orders whose request is still waiting for the kitchen. "
					+ "Raise orders.recovery.pending-age.");
		}
		this.database = database;
		this.orderBook = orderBook;
		this.kitchen = kitchen;
		this.properties = properties;
		this.idempotencyKeys = idempotencyKeys;
	}

	/**
	 * Resolves the abandoned orders once (at most {@code orders.recovery.batch-size}). Safe to run
	 * on several instances at once.
	 * @return the number of orders this call stored {@code FAILED}
	 */
	public int recoverOnce() {
		OffsetDateTime now = OffsetDateTime.now();
		OffsetDateTime stale = now.minus(this.properties.pendingAge());
		List<Long> ids = this.database
			.sql("SELECT id FROM sample_orders WHERE status = 'PENDING' AND created_at < :stale "
					+ "AND (recovery_claimed_at IS NULL OR recovery_claimed_at < :stale) ORDER BY id LIMIT :limit")
			.bind("stale", stale)
			.bind("limit", this.properties.batchSize())
			.mapValue(Long.class)
			.all();
		int resolved = 0;
		for (long id : ids) {
			if (!claim(id, now, stale)) {
				// Another instance's recovery is resolving it.
				continue;
			}
			String notConfirmed = this.kitchen.cancel(id);
			if (notConfirmed != null) {
				release(id);
				logger.warn("Order #" + id + " stays PENDING until the next recovery pass: " + notConfirmed);
				continue;
			}
			if (this.orderBook.fail(id, "the order was not completed (found PENDING after "
					+ this.properties.pendingAge().toSeconds() + " s) and was cancelled by recovery")) {
				resolved++;
			}
		}
		// Keys linked to an order are never released (a retry would place a second order): those of
		// settled orders get the order's answer. Claims without an order (of earlier versions, which
		// claimed a key before opening its order) are released.
		this.idempotencyKeys.resolveStale(stale, this.properties.batchSize());
		this.database
			.sql("DELETE FROM sample_idempotency_keys WHERE status_code IS NULL AND order_id IS NULL AND created_at < :stale")
			.bind("stale", stale)
			.fetch()
			.rowsUpdated();
		this.database.sql("DELETE FROM sample_idempotency_keys WHERE created_at < :expired")
			.bind("expired", OffsetDateTime.now().minus(this.properties.idempotencyRetention()))
			.fetch()
			.rowsUpdated();
		if (resolved > 0) {
			logger.info("Recovery stored " + resolved + " abandoned order(s) FAILED");
		}
		return resolved;
	}

	/**
	 * Claims a stale order for this pass: only one of the passes racing for it (on any instance)
	 * changes the row. A claim older than {@code stale} belongs to a pass that died.
	 */
	private boolean claim(long id, OffsetDateTime now, OffsetDateTime stale) {
		return this.database
			.sql("UPDATE sample_orders SET recovery_claimed_at = :now WHERE id = :id AND status = 'PENDING' "
					+ "AND (recovery_claimed_at IS NULL OR recovery_claimed_at < :stale)")
			.bind("now", now)
			.bind("id", id)
			.bind("stale", stale)
			.fetch()
			.rowsUpdated() == 1;
	}

	/**
	 * Gives a claimed order back, so that the next pass (on any instance) tries it again.
	 */
	private void release(long id) {
		this.database.sql("UPDATE sample_orders SET recovery_claimed_at = NULL WHERE id = :id AND status = 'PENDING'")
			.bind("id", id)
			.fetch()
			.rowsUpdated();
	}

	@Override
	public void start() {
		if (this.properties.enabled()) {
			this.worker = Thread.ofVirtual().name("order-recovery").start(this::run);
		}
	}

	private void run() {
		Duration interval = this.properties.interval();
		while (!Thread.currentThread().isInterrupted()) {
			try {
				recoverOnce();
			}
			catch (RuntimeException ex) {
				if (Thread.currentThread().isInterrupted()) {
					return;
				}
				logger.warn("Order recovery pass failed; trying again in " + interval, ex);
			}
			try {
				Thread.sleep(interval);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	@Override
	public void stop() {
		Thread thread = this.worker;
		this.worker = null;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.worker != null;
	}

}
