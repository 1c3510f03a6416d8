package io.blockingbridge.sample;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeScope;
import io.r2dbc.spi.R2dbcTimeoutException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The one place where the sample runs work that must finish even when the request's thread was
 * interrupted because its client went away, or when the request's own time limit is short: storing
 * an order's outcome, cancelling it at the kitchen, recording an idempotent answer.
 * <ul>
 * <li>An await on an interrupted thread fails at once, and an interrupt during an await cancels
 * it (a client that goes away may interrupt a request's thread more than once), so the work runs on
 * a thread of its own that nothing interrupts.</li>
 * <li>A write whose await gives up may still happen in the database (the statement was sent), and
 * then the answer and the stored state would disagree. So the work runs with a time limit of at
 * least {@code sample.must-finish.time-limit} ({@link MustFinishProperties}, 25 s): long enough to learn what really happened in all but broken
 * conditions. (A pool without a free connection still fails fast, before anything is sent.)</li>
 * <li>A database connection that died while it waited in the pool (a restart, a terminated
 * backend) fails the work before it reaches the database; the work is then tried again (unless the
 * pool had no free connection in time), up to
 * {@link #ATTEMPTS} times. So must-finish work is written to be safe to repeat: conditional
 * updates, idempotent kitchen calls, or one transaction.</li>
 * </ul>
 * Both are the library's own tools: {@link Bridge#spawn} runs the work on a virtual thread of its
 * own, and {@link Bridge#awaitUninterruptibly} waits for it through interrupts, bounded by
 * {@link Bridge#DEFAULT_COMPLETION_TIMEOUT} so that a dead database cannot hold the thread forever.
 */
@Component
public final class MustFinish {

	/** How often must-finish work is tried when it cannot reach the database. */
	static final int ATTEMPTS = 3;

	private final Duration timeLimit;

	MustFinish(MustFinishProperties properties) {
		this.timeLimit = properties.timeLimit();
	}

	/**
	 * The shortest time limit that must-finish work runs with.
	 * @return {@code sample.must-finish.time-limit}
	 */
	public Duration timeLimit() {
		return this.timeLimit;
	}

	/**
	 * Run work that must happen even if the current thread was interrupted, or is interrupted
	 * while the work runs. The work runs on a virtual thread of its own, which nothing interrupts,
	 * with the current thread's Reactor Context; the current thread waits for it without giving up
	 * on interrupts (at most {@link Bridge#DEFAULT_COMPLETION_TIMEOUT}), and keeps its interrupt
	 * flag set if it had or received one.
	 * @param <T> the type of the result
	 * @param work the work, typically one awaited database write or HTTP call
	 * @return the work's result
	 */
	public <T> @Nullable T evenIfInterrupted(Supplier<T> work) {
		Duration limit = timeLimit(BridgeScope.currentTimeout());
		for (int attempt = 1;; attempt++) {
			try {
				return Bridge.awaitUninterruptibly(Bridge.spawn(() -> {
					try (BridgeScope scope = BridgeScope.open(Bridge.context(), limit)) {
						return work.get();
					}
				}));
			}
			catch (CannotCreateTransactionException | DataAccessResourceFailureException ex) {
				if (attempt == ATTEMPTS || isTimeout(ex)) {
					throw ex;
				}
				// The connection the pool handed out was dead (a database restart, a terminated
				// backend): the pool has dropped it, and the work is tried again on another one.
			}
		}
	}

	/** A pool that had no free connection in time: trying again would only add to the queue. */
	private static boolean isTimeout(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException || cause instanceof R2dbcTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private Duration timeLimit(Duration current) {
		return (current.isZero() || current.compareTo(this.timeLimit) >= 0) ? current : this.timeLimit;
	}

}
