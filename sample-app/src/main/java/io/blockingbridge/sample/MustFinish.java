package io.blockingbridge.sample;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeScope;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

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
	 * Run work that must happen even if the current thread was interrupted, or is interrupted
	 * while the work runs. The work runs on a virtual thread of its own, which nothing interrupts,
	 * with the current thread's Reactor Context; the current thread waits for it without giving up
	 * on interrupts, and keeps its interrupt flag set if it had or received one.
	 * @param <T> the type of the result
	 * @param work the work, typically one awaited database write or HTTP call
	 * @return the work's result
	 */
	public static <T> @Nullable T evenIfInterrupted(Supplier<T> work) {
		ContextView context = Bridge.context();
		Duration limit = timeLimit(BridgeScope.currentTimeout());
		CompletableFuture<T> result = Bridge.<T>spawn(() -> {
			try (BridgeScope scope = BridgeScope.open(context, limit)) {
				return work.get();
			}
		}).contextWrite(context).toFuture();
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return result.get();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					if (ex.getCause() instanceof RuntimeException failure) {
						throw failure;
					}
					if (ex.getCause() instanceof Error error) {
						throw error;
					}
					throw new IllegalStateException(ex.getCause());
				}
			}
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
