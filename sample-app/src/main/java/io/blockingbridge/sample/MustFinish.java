package io.blockingbridge.sample;

import java.util.function.Supplier;

/**
 * The one place where the sample runs work that must finish even when the request's thread was
 * interrupted because its client went away: storing an order's outcome, cancelling it at the
 * kitchen, recording an idempotent answer. An await on an interrupted thread fails at once, so the
 * interrupt flag is cleared for the work and set again afterwards. (When the bridge offers an
 * uninterruptible await, this is the one method to switch over.)
 */
public final class MustFinish {

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
		try {
			return work.get();
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
