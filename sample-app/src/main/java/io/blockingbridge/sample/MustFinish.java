package io.blockingbridge.sample;

import java.time.Duration;
import java.util.function.Supplier;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeScope;

/**
 * The one place where the sample runs work that must finish even when the request's thread was
 * interrupted because its client went away, or when the request's own time limit is short: storing
 * an order's outcome, cancelling it at the kitchen, recording an idempotent answer.
 * <ul>
 * <li>An await on an interrupted thread fails at once, so the interrupt flag is cleared for the
 * work and set again afterwards.</li>
 * <li>A write whose await gives up may still happen in the database (the statement was sent), and
 * then the answer and the stored state would disagree. So the work runs with a time limit of at
 * least {@link #TIME_LIMIT}: long enough to learn what really happened in all but broken
 * conditions. (A pool without a free connection still fails fast, before anything is sent.)</li>
 * </ul>
 * When the bridge offers an uninterruptible await, this is the one class to switch over.
 */
public final class MustFinish {

	/** The shortest time limit that must-finish work runs with. */
	public static final Duration TIME_LIMIT = Duration.ofSeconds(30);

	private MustFinish() {
	}

	/**
	 * Run work that must happen even if the current thread was interrupted.
	 * @param <T> the type of the result
	 * @param work the work, typically one awaited database write or HTTP call
	 * @return the work's result
	 */
	public static <T> T evenIfInterrupted(Supplier<T> work) {
		boolean interrupted = Thread.interrupted();
		try (BridgeScope scope = BridgeScope.open(Bridge.context(), timeLimit(BridgeScope.currentTimeout()))) {
			return work.get();
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static Duration timeLimit(Duration current) {
		return (current.isZero() || current.compareTo(TIME_LIMIT) >= 0) ? current : TIME_LIMIT;
	}

}
