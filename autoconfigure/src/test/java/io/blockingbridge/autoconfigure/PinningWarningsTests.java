package io.blockingbridge.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.blockingbridge.pinning.PinnedThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PinningWarnings}: at most one warning per interval, and the next says how many were left
 * out.
 */
@ExtendWith(OutputCaptureExtension.class)
class PinningWarningsTests {

	private final AtomicLong now = new AtomicLong();

	private final PinningWarnings warnings = new PinningWarnings(Duration.ofMinutes(1), this.now::get);

	@Test
	void atMostOneWarningPerIntervalAndTheNextCountsTheOthers(CapturedOutput output) {
		assertThat(this.warnings.pinned(pinned("First"))).isTrue();
		this.now.addAndGet(Duration.ofSeconds(10).toNanos());
		assertThat(this.warnings.pinned(pinned("Second"))).isFalse();
		assertThat(this.warnings.pinned(pinned("Third"))).isFalse();
		this.now.addAndGet(Duration.ofSeconds(50).toNanos());
		assertThat(this.warnings.pinned(pinned("Fourth"))).isTrue();
		this.now.addAndGet(Duration.ofMinutes(5).toNanos());
		assertThat(this.warnings.pinned(pinned("Fifth"))).isTrue();
		assertThat(output).contains("First.<clinit>", "Fourth.<clinit>", "Fifth.<clinit>")
			.doesNotContain("Second.<clinit>", "Third.<clinit>")
			.contains("(2 more pinned virtual threads were not logged since the last warning: at most one is "
					+ "logged per bridge.pinning.log-interval, PT1M; the bridge.virtual-threads.pinned metric "
					+ "counts them all.)");
		assertThat(output.toString().split("more pinned virtual thread", -1)).hasSize(2);
	}

	@Test
	void theWarningSaysWhatToDoAndShowsTheTopFrames(CapturedOutput output) {
		this.warnings.pinned(new PinnedThread(Duration.ofMillis(150), "Native frame or <clinit> on stack",
				"LockSupport.park", "", List.of(frame("Callback", "upcall"), frame("Library", "nativeCall"))));
		assertThat(output).contains("WARN", "pinned for 150 ms in LockSupport.park (Native frame or <clinit> on stack)",
				"Do not block inside native callbacks", "Pinned stack:\n\tat example.Callback.upcall",
				"\tat example.Library.nativeCall");
	}

	private static PinnedThread pinned(String type) {
		return new PinnedThread(Duration.ofMillis(100), "VM call to example." + type + ".<clinit> on stack",
				"LockSupport.park", "", List.of(frame("Thread", "sleep"), frame(type, "<clinit>")));
	}

	private static StackTraceElement frame(String type, String method) {
		return new StackTraceElement("example." + type, method, null, 1);
	}

}
