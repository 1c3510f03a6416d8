package io.blockingbridge.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.blockingbridge.pinning.PinnedThread;
import io.blockingbridge.pinning.PinningMonitor;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link PinningMonitor} per threshold for the whole test run, and the pinnings it saw between
 * the marks put before and after each test.
 */
final class PinningRecorder implements PinningMonitor.Listener, AutoCloseable {

	private static final Duration DELIVERY = Duration.ofSeconds(30);

	private static final int FRAMES = 25;

	private final PinningMonitor monitor;

	private final Duration threshold;

	/** Pinnings and marks (Long ids), in the order the Flight Recorder delivered them. */
	private final List<Object> delivered = new ArrayList<>();

	private PinningRecorder(Duration threshold) {
		this.threshold = threshold;
		try {
			this.monitor = PinningMonitor.start(threshold, this);
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException(ex.getMessage() + " Run the test on a JVM with the Flight Recorder, "
					+ "or check blocking only with @BridgeChecks(pinning = false).", ex);
		}
	}

	static PinningRecorder forThreshold(ExtensionContext root, long thresholdMillis) {
		return root.getStore(ExtensionContext.Namespace.create(PinningRecorder.class))
			.computeIfAbsent(thresholdMillis, (key) -> new PinningRecorder(Duration.ofMillis(key)),
					PinningRecorder.class);
	}

	Window open() {
		return new Window(this.monitor.mark());
	}

	@Override
	public synchronized void pinned(PinnedThread pinnedThread) {
		this.delivered.add(pinnedThread);
	}

	@Override
	public synchronized void marked(long id) {
		this.delivered.add(id);
	}

	private synchronized List<PinnedThread> between(long start, long end) {
		List<PinnedThread> pinned = new ArrayList<>();
		int startIndex = this.delivered.indexOf(start);
		int endIndex = this.delivered.indexOf(end);
		for (int i = startIndex + 1; i < endIndex; i++) {
			if (this.delivered.get(i) instanceof PinnedThread pinnedThread) {
				pinned.add(pinnedThread);
			}
		}
		this.delivered.subList(0, endIndex + 1).clear();
		return pinned;
	}

	@Override
	public void close() {
		this.monitor.close();
	}

	/**
	 * The pinnings of one test.
	 */
	final class Window {

		private final long start;

		private Window(long start) {
			this.start = start;
		}

		void describeTo(StringBuilder failures) {
			long end = PinningRecorder.this.monitor.mark();
			if (!PinningRecorder.this.monitor.awaitMark(end, DELIVERY)) {
				failures.append("The JDK Flight Recorder did not deliver its jdk.VirtualThreadPinned events within ")
					.append(DELIVERY.toSeconds())
					.append(" seconds, so pinning could not be checked.\n\n");
				return;
			}
			List<PinnedThread> pinned = between(this.start, end);
			for (PinnedThread pinnedThread : pinned) {
				failures.append("A virtual thread was pinned to its carrier thread (threshold ")
					.append(PinningRecorder.this.threshold.toMillis())
					.append(" ms): ")
					.append(pinnedThread.summary())
					.append(". ")
					.append(pinnedThread.advice())
					.append("\nPinned stack:\n")
					.append(pinnedThread.frames(FRAMES))
					.append('\n');
			}
		}

	}

}
