package io.blockingbridge.autoconfigure;

import java.time.Duration;

import io.blockingbridge.pinning.PinnedThread;
import io.blockingbridge.pinning.PinningMonitor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Runs a {@link PinningMonitor} while the application context runs, and counts and logs every
 * pinning it reports. Where the Flight Recorder is not available it says so once, at INFO level,
 * and does nothing.
 */
class PinningDetector implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(PinningDetector.class);

	private final Duration threshold;

	private final PinningWarnings warnings;

	private final @Nullable PinnedThreadCounter counter;

	private volatile @Nullable PinningMonitor monitor;

	private volatile boolean running;

	PinningDetector(Duration threshold, PinningWarnings warnings, @Nullable PinnedThreadCounter counter) {
		this.threshold = threshold;
		this.warnings = warnings;
		this.counter = counter;
	}

	@Override
	public void start() {
		this.running = true;
		if (!PinningMonitor.isAvailable()) {
			logger.info("Pinned virtual threads are not detected: the JDK Flight Recorder is not available in this "
					+ "JVM (a native image, -XX:-FlightRecorder, or a runtime image without the jdk.jfr module). "
					+ "Set 'bridge.pinning.detect: false' to silence this message.");
			return;
		}
		try {
			this.monitor = PinningMonitor.start(this.threshold, this::pinned);
		}
		catch (IllegalStateException | LinkageError ex) {
			logger.info("Pinned virtual threads are not detected: " + ex.getMessage()
					+ " Set 'bridge.pinning.detect: false' to silence this message.");
		}
	}

	@Override
	public void stop() {
		PinningMonitor monitor = this.monitor;
		this.monitor = null;
		this.running = false;
		if (monitor != null) {
			monitor.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Start before and stop after the web server, so that pinnings while requests drain still count.
	 */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 1000;
	}

	/**
	 * Return the running monitor, for tests to sync with.
	 */
	@Nullable PinningMonitor monitor() {
		return this.monitor;
	}

	private void pinned(PinnedThread pinnedThread) {
		PinnedThreadCounter counter = this.counter;
		if (counter != null) {
			counter.increment();
		}
		this.warnings.pinned(pinnedThread);
	}

}
