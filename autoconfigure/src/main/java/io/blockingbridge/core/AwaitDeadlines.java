package io.blockingbridge.core;

import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Wakes threads whose awaits have run past their time limit, so that an await with a long limit
 * can park without one.
 * <p>
 * A timed park of a virtual thread schedules a task in the JDK's delay scheduler and cancels it
 * when the thread wakes up; both wake the scheduler's thread, which made time limits one of the
 * largest costs of an await. Here, watching an await costs one lock-free enqueue and ending the
 * watch one volatile write: a single daemon thread ({@value #THREAD_NAME}) looks at the watches
 * every {@link #TICK_NANOS tick}, tells the awaits whose deadline has passed (unparking their
 * threads, for example) and forgets the ended ones. A limit is thus noticed up to one tick late; awaits with limits shorter than
 * {@link #PRECISE_BELOW_NANOS} use a timed park instead, where that would be noticeable.
 */
final class AwaitDeadlines {

	static final String THREAD_NAME = "bridge-await-deadlines";

	/** How often the watching thread looks at the deadlines. */
	static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	/** Limits shorter than this are waited for with a timed park, precise to the JDK's timer. */
	static final long PRECISE_BELOW_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** How often ended watches are purged from those waiting for their deadline. */
	private static final long PURGE_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final Log logger = LogFactory.getLog(AwaitDeadlines.class);

	private static final AwaitDeadlines SHARED = new AwaitDeadlines();

	private final Queue<Watch> added = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean idle = new AtomicBoolean();

	private final Thread watcher;

	private AwaitDeadlines() {
		this.watcher = Thread.ofPlatform().name(THREAD_NAME).daemon().unstarted(this::watch);
		this.watcher.start();
	}

	/**
	 * Watch an await: run the given action once the deadline has passed, unless the watch has
	 * ended before. The action runs on the watching thread and must be quick, such as unparking the
	 * waiting thread.
	 * @param deadlineNanos the deadline, in {@link System#nanoTime()} terms
	 * @param onExpiry what to do when the deadline has passed, given the watch
	 * @return the watch, to be {@link Watch#end() ended} when the await is over
	 */
	static Watch watch(long deadlineNanos, Consumer<Watch> onExpiry) {
		return SHARED.add(new Watch(deadlineNanos, onExpiry));
	}

	private Watch add(Watch watch) {
		this.added.add(watch);
		if (this.idle.get() && this.idle.compareAndSet(true, false)) {
			LockSupport.unpark(this.watcher);
		}
		return watch;
	}

	private void watch() {
		PriorityQueue<Watch> pending = new PriorityQueue<>();
		long lastPurge = System.nanoTime();
		while (true) {
			Watch watch;
			while ((watch = this.added.poll()) != null) {
				if (!watch.ended) {
					pending.add(watch);
				}
			}
			long now = System.nanoTime();
			while ((watch = pending.peek()) != null && (watch.ended || watch.deadlineNanos - now <= 0)) {
				pending.poll();
				if (!watch.ended) {
					watch.expire();
				}
			}
			if (now - lastPurge >= PURGE_NANOS) {
				pending.removeIf((candidate) -> candidate.ended);
				lastPurge = now;
			}
			if (pending.isEmpty()) {
				this.idle.set(true);
				if (this.added.isEmpty()) {
					LockSupport.park(this);
				}
				this.idle.set(false);
			}
			else {
				LockSupport.parkNanos(this, TICK_NANOS);
			}
		}
	}

	/** One await being watched. */
	static final class Watch implements Comparable<Watch> {

		private final long deadlineNanos;

		private final Consumer<Watch> onExpiry;

		private volatile boolean ended;

		private Watch(long deadlineNanos, Consumer<Watch> onExpiry) {
			this.deadlineNanos = deadlineNanos;
			this.onExpiry = onExpiry;
		}

		private void expire() {
			try {
				this.onExpiry.accept(this);
			}
			catch (RuntimeException | Error ex) {
				logger.error("Could not tell an await that its time limit has passed", ex);
			}
		}

		/**
		 * Tell whether the deadline of this watch has passed.
		 * @return {@code true} once it has
		 */
		boolean hasExpired() {
			return this.deadlineNanos - System.nanoTime() <= 0;
		}

		/** End the watch: the await is over, its thread is not to be woken any more. */
		void end() {
			this.ended = true;
		}

		@Override
		public int compareTo(Watch other) {
			return Long.compare(this.deadlineNanos - other.deadlineNanos, 0);
		}

	}

}
