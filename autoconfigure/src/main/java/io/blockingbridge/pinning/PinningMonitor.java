package io.blockingbridge.pinning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;
import org.jspecify.annotations.Nullable;

/**
 * Streams the JDK Flight Recorder's {@code jdk.VirtualThreadPinned} events of this JVM to a
 * {@link Listener}, as {@link PinnedThread} values: every time a virtual thread stayed pinned to
 * its carrier thread for longer than a threshold.
 * <p>
 * The Flight Recorder delivers events in batches, about once a second, on a thread of its own. To
 * know that every pinning that ended before some point has been delivered, {@link #mark() mark}
 * that point and {@link #awaitMark(long, Duration) wait} for the mark, or {@link #sync(Duration)
 * sync}. Marks reach the listener in order with the pinnings.
 * <p>
 * A monitor sees the pinnings of every thread of the JVM, not only those of one application.
 * Where the Flight Recorder is missing (a native image, a JVM started with
 * {@code -XX:-FlightRecorder}, a runtime image without the {@code jdk.jfr} module) {@link #isAvailable()}
 * says so and {@link #start} throws. Close the monitor to end the stream.
 */
public final class PinningMonitor implements AutoCloseable {

	/** The name of the Flight Recorder event this monitor streams. */
	public static final String PINNED_EVENT = "jdk.VirtualThreadPinned";

	private static final AtomicLong MARKS = new AtomicLong();

	private final RecordingStream stream;

	private final Map<Long, CountDownLatch> pendingMarks = new ConcurrentHashMap<>();

	private volatile boolean closed;

	private PinningMonitor(RecordingStream stream) {
		this.stream = stream;
	}

	/**
	 * Tell whether the Flight Recorder can be used in this JVM.
	 * @return {@code false} in a native image, with {@code -XX:-FlightRecorder}, or without the
	 * {@code jdk.jfr} module
	 */
	public static boolean isAvailable() {
		try {
			return FlightRecorder.isAvailable();
		}
		catch (LinkageError | RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Start streaming pinnings longer than the given threshold to the given listener.
	 * @param threshold the shortest pinning to report; pinnings shorter than it cost the JVM
	 * nothing to report
	 * @param listener called on the Flight Recorder's streaming thread, one call at a time
	 * @return the running monitor; close it to stop
	 * @throws IllegalStateException if the Flight Recorder is not available
	 */
	public static PinningMonitor start(Duration threshold, Listener listener) {
		if (threshold.isNegative()) {
			throw new IllegalArgumentException("The pinning threshold must not be negative, but was " + threshold);
		}
		if (!isAvailable()) {
			throw new IllegalStateException("The JDK Flight Recorder is not available in this JVM (a native image, "
					+ "-XX:-FlightRecorder, or a runtime image without the jdk.jfr module), so pinned virtual "
					+ "threads cannot be detected.");
		}
		RecordingStream stream = new RecordingStream();
		try {
			PinningMonitor monitor = new PinningMonitor(stream);
			stream.setReuse(false);
			stream.setOrdered(true);
			stream.enable(PINNED_EVENT).withThreshold(threshold).withStackTrace();
			stream.enable(MarkEvent.class).withThreshold(Duration.ZERO).withoutStackTrace();
			stream.onEvent(PINNED_EVENT, (event) -> {
				// Every recording of the JVM gets the events of the lowest threshold of them all
				if (event.getDuration().compareTo(threshold) >= 0) {
					monitor.deliver(listener, event);
				}
			});
			stream.onEvent(MarkEvent.NAME, (event) -> monitor.delivered(listener, event.getLong("id")));
			stream.onClose(monitor::releaseWaiters);
			stream.startAsync();
			return monitor;
		}
		catch (RuntimeException ex) {
			stream.close();
			throw new IllegalStateException("Could not start streaming " + PINNED_EVENT + " events from the JDK "
					+ "Flight Recorder: " + ex, ex);
		}
	}

	/**
	 * Put a mark into the stream, after every pinning that ended before this call.
	 * @return the mark's id, which the listener and {@link #awaitMark(long, Duration)} see
	 */
	public long mark() {
		long id = MARKS.incrementAndGet();
		this.pendingMarks.put(id, new CountDownLatch(1));
		MarkEvent event = new MarkEvent();
		event.id = id;
		event.commit();
		return id;
	}

	/**
	 * Wait until the listener has seen the given mark, and so every pinning before it.
	 * @param id the id that {@link #mark()} returned
	 * @param timeout how long to wait at most; the Flight Recorder delivers about once a second
	 * @return whether the mark arrived in time ({@code false} also once the monitor is closed)
	 */
	public boolean awaitMark(long id, Duration timeout) {
		CountDownLatch latch = this.pendingMarks.get(id);
		if (latch == null) {
			return !this.closed;
		}
		try {
			return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS) && !this.closed;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.pendingMarks.remove(id);
		}
	}

	/**
	 * Wait until every pinning that ended before this call has reached the listener.
	 * @param timeout how long to wait at most
	 * @return whether they have, in time
	 */
	public boolean sync(Duration timeout) {
		return awaitMark(mark(), timeout);
	}

	/**
	 * Stop streaming; pinnings not yet delivered are dropped.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.stream.close();
		releaseWaiters();
	}

	private void deliver(Listener listener, RecordedEvent event) {
		try {
			listener.pinned(toPinnedThread(event));
		}
		catch (RuntimeException ex) {
			System.getLogger(PinningMonitor.class.getName())
				.log(System.Logger.Level.WARNING, "A listener of pinned virtual threads failed", ex);
		}
	}

	private void delivered(Listener listener, long id) {
		CountDownLatch latch = this.pendingMarks.get(id);
		if (latch == null) {
			return; // a mark of another monitor in this JVM
		}
		try {
			listener.marked(id);
		}
		finally {
			latch.countDown();
		}
	}

	private void releaseWaiters() {
		this.pendingMarks.values().forEach(CountDownLatch::countDown);
	}

	static PinnedThread toPinnedThread(RecordedEvent event) {
		return new PinnedThread(event.getDuration(), stringField(event, "pinnedReason"),
				stringField(event, "blockingOperation"), threadName(event.getThread()), frames(event.getStackTrace()));
	}

	private static @Nullable String stringField(RecordedEvent event, String name) {
		return event.hasField(name) ? event.getString(name) : null;
	}

	private static String threadName(@Nullable RecordedThread thread) {
		if (thread == null) {
			return "";
		}
		String name = thread.getJavaName();
		return (name != null) ? name : "";
	}

	private static List<StackTraceElement> frames(@Nullable RecordedStackTrace stackTrace) {
		List<StackTraceElement> frames = new ArrayList<>();
		if (stackTrace == null) {
			return frames;
		}
		for (RecordedFrame frame : stackTrace.getFrames()) {
			String type = frame.getMethod().getType().getName();
			if (frames.isEmpty() && type.equals("java.lang.VirtualThread")) {
				continue; // the JDK's own frames that report the event
			}
			frames.add(new StackTraceElement(type, frame.getMethod().getName(), null, frame.getLineNumber()));
		}
		return frames;
	}

	/**
	 * Receives what a {@link PinningMonitor} streams, on the Flight Recorder's streaming thread.
	 */
	@FunctionalInterface
	public interface Listener {

		/**
		 * Called for every pinning longer than the threshold.
		 * @param pinnedThread the pinning
		 */
		void pinned(PinnedThread pinnedThread);

		/**
		 * Called when a {@link PinningMonitor#mark() mark} of this monitor arrives, after every
		 * pinning that ended before it was put. Does nothing unless overridden.
		 * @param id the mark's id
		 */
		default void marked(long id) {
		}

	}

	@Name(MarkEvent.NAME)
	@Label("Pinning monitor mark")
	@Category("Blocking Bridge")
	static final class MarkEvent extends Event {

		static final String NAME = "io.blockingbridge.PinningMonitorMark";

		@Label("Id")
		long id;

	}

}
