package io.blockingbridge.autoconfigure;

import java.time.Duration;
import java.util.function.LongSupplier;

import io.blockingbridge.pinning.PinnedThread;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs pinned virtual threads as warnings, at most one per interval; the next one says how many
 * were left out meanwhile.
 */
class PinningWarnings {

	private static final Log logger = LogFactory.getLog(PinningWarnings.class);

	private static final int FRAMES = 12;

	private final Duration interval;

	private final LongSupplier nanoTime;

	private boolean loggedBefore;

	private long lastLogged;

	private long suppressed;

	PinningWarnings(Duration interval) {
		this(interval, System::nanoTime);
	}

	PinningWarnings(Duration interval, LongSupplier nanoTime) {
		this.interval = interval;
		this.nanoTime = nanoTime;
	}

	/**
	 * Log the given pinning unless one was logged less than the interval ago.
	 * @param pinnedThread the pinning
	 * @return whether it was logged
	 */
	synchronized boolean pinned(PinnedThread pinnedThread) {
		long now = this.nanoTime.getAsLong();
		if (this.loggedBefore && now - this.lastLogged < this.interval.toNanos()) {
			this.suppressed++;
			return false;
		}
		if (logger.isWarnEnabled()) {
			logger.warn(message(pinnedThread, this.suppressed));
		}
		this.loggedBefore = true;
		this.lastLogged = now;
		this.suppressed = 0;
		return true;
	}

	private String message(PinnedThread pinnedThread, long suppressed) {
		StringBuilder message = new StringBuilder("A virtual thread was pinned to its carrier thread: ")
			.append(pinnedThread.summary())
			.append(". While a virtual thread is pinned, its carrier thread (there are only about as many as "
					+ "CPU cores) runs no other virtual thread, so blocking-style requests stall under load. ")
			.append(pinnedThread.advice());
		if (suppressed > 0) {
			message.append(" (").append(suppressed).append(" more pinned virtual thread")
				.append((suppressed == 1) ? " was" : "s were")
				.append(" not logged since the last warning: at most one is logged per bridge.pinning.log-interval, ")
				.append(this.interval)
				.append("; the bridge.virtual-threads.pinned metric counts them all.)");
		}
		message.append("\nPinned stack:\n").append(pinnedThread.frames(FRAMES));
		return message.toString();
	}

}
