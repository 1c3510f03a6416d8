package io.blockingbridge.pinning;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One time a virtual thread was pinned to its carrier thread for longer than the threshold: it
 * blocked (parked, slept, waited) at a point where the JVM could not unmount it, so that the
 * carrier thread, one of the few that run all virtual threads, could run nothing else meanwhile.
 * Made from a {@code jdk.VirtualThreadPinned} event of the JDK Flight Recorder.
 *
 * @param duration how long the virtual thread stayed pinned
 * @param reason why the JVM could not unmount it, as the JDK says, such as
 * {@code "VM call to Foo.<clinit> on stack"} or {@code "Native frame or <clinit> on stack"};
 * {@code null} on JDKs that do not say
 * @param blockingOperation what it blocked in, such as {@code "LockSupport.park"}; {@code null}
 * on JDKs that do not say
 * @param threadName the name of the virtual thread, often empty
 * @param stackTrace the pinned thread's frames, innermost first, as far as the Flight Recorder
 * recorded them (its default depth is 64); the JDK's own frames that report the event are left
 * out
 */
public record PinnedThread(Duration duration, @Nullable String reason, @Nullable String blockingOperation,
		String threadName, List<StackTraceElement> stackTrace) {

	/**
	 * Create an instance, keeping an unmodifiable copy of the frames.
	 * @param duration how long the virtual thread stayed pinned
	 * @param reason why the JVM could not unmount it, or {@code null}
	 * @param blockingOperation what it blocked in, or {@code null}
	 * @param threadName the name of the virtual thread
	 * @param stackTrace the frames, innermost first
	 */
	public PinnedThread {
		stackTrace = List.copyOf(stackTrace);
	}

	/**
	 * Describe the pinning in one line, such as {@code "pinned for 200 ms in LockSupport.park
	 * (VM call to Foo.<clinit> on stack)"}.
	 * @return the description
	 */
	public String summary() {
		StringBuilder summary = new StringBuilder("pinned for ").append(this.duration.toMillis()).append(" ms");
		if (this.blockingOperation != null) {
			summary.append(" in ").append(this.blockingOperation);
		}
		if (this.reason != null) {
			summary.append(" (").append(this.reason).append(')');
		}
		return summary.toString();
	}

	/**
	 * Render the innermost frames like a Java stack trace, one {@code "\tat ..."} line each.
	 * @param maxFrames how many frames to show at most; a last line tells how many were left out
	 * @return the frames, each line ending with a line break
	 */
	public String frames(int maxFrames) {
		StringBuilder frames = new StringBuilder();
		int shown = Math.min(maxFrames, this.stackTrace.size());
		for (int i = 0; i < shown; i++) {
			frames.append("\tat ").append(this.stackTrace.get(i)).append('\n');
		}
		if (shown < this.stackTrace.size()) {
			frames.append("\t... ").append(this.stackTrace.size() - shown).append(" more\n");
		}
		return frames.toString();
	}

	/**
	 * Say what to do about this pinning, from its reason.
	 * @return advice in one or two sentences
	 */
	public String advice() {
		String reason = (this.reason != null) ? this.reason : "";
		if (reason.contains("Native") || reason.contains("native")) {
			return "It blocked under a native frame (JNI, or a Foreign Function upcall) or in a class "
					+ "initializer. Do not block inside native callbacks or static initializers: hand the "
					+ "blocking work to another thread, or initialize such state lazily.";
		}
		if (reason.contains("<clinit>")) {
			return "A class initializer (static block or static field initializer) blocked. Do not do I/O, "
					+ "awaits or waits in static initializers: initialize such state lazily or in a Spring bean.";
		}
		if (reason.contains("onitor") || reason.contains("ynchronized")) {
			return "It blocked while holding a monitor (synchronized). Run on JDK 24 or later, where "
					+ "synchronized no longer pins, or replace synchronized with a java.util.concurrent.locks.ReentrantLock.";
		}
		return "Find the frame in the stack below that keeps the virtual thread on its carrier (a native "
				+ "method, a class initializer, synchronized on JDK 21-23) and move the blocking call out of it.";
	}

}
