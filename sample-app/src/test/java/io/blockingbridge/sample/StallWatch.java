package io.blockingbridge.sample;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.jspecify.annotations.Nullable;

/**
 * Watches a counter of a long read; if it does not move for the given time, writes a thread dump
 * that includes the virtual threads (where the server's producing request thread waits) to
 * {@code target/}, then runs the given action (which closes the read, so that the test fails with
 * the dump's path instead of hanging).
 */
final class StallWatch implements AutoCloseable {

	private final Thread watcher;

	private volatile @Nullable Path dump;

	private StallWatch(AtomicLong progress, Duration stall, Runnable onStall) {
		this.watcher = Thread.ofPlatform().daemon().name("stall-watch").start(() -> watch(progress, stall, onStall));
	}

	static StallWatch start(AtomicLong progress, Duration stall, Runnable onStall) {
		return new StallWatch(progress, stall, onStall);
	}

	private void watch(AtomicLong progress, Duration stall, Runnable onStall) {
		long seen = progress.get();
		long since = System.nanoTime();
		try {
			while (true) {
				Thread.sleep(1000);
				long now = progress.get();
				if (now != seen) {
					seen = now;
					since = System.nanoTime();
				}
				else if (System.nanoTime() - since > stall.toNanos()) {
					this.dump = dumpThreads();
					onStall.run();
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			// Closed: the read ended.
		}
	}

	private static Path dumpThreads() {
		Path file = Path.of("target", "stall-" + System.currentTimeMillis() + ".json").toAbsolutePath();
		try {
			Files.createDirectories(file.getParent());
			ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
				.dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
			// The TCP queues of both ends tell a client that stopped reading from a server that stopped writing.
			Process ss = new ProcessBuilder("ss", "-tnio").redirectOutput(Path.of(file + ".ss.txt").toFile())
				.redirectErrorStream(true)
				.start();
			ss.waitFor(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException | RuntimeException ex) {
			return Path.of("(no thread dump: " + ex + ")");
		}
		return file;
	}

	/**
	 * Describe what the watch saw, for an assertion's description.
	 * @return "no stall" or where the thread dump of the stall is
	 */
	String describe() {
		Path written = this.dump;
		return (written != null) ? "stalled; thread dump with virtual threads at " + written + ", socket queues in "
				+ written + ".ss.txt" : "no stall";
	}

	@Override
	public void close() {
		this.watcher.interrupt();
	}

}
