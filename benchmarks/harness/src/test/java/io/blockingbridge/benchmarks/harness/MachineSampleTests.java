package io.blockingbridge.benchmarks.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The machine's CPU time from {@code /proc/stat}: the kernel's text, this machine's, and text that is not.
 */
@Timeout(30)
class MachineSampleTests {

	@Test
	void busyIdleAndStealFromTheAggregateLine() {
		MachineSample start = MachineSample.parse("cpu  236831 0 34069 122119 5077 0 4986 1404 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n");
		assertThat(start).isEqualTo(new MachineSample(236831 + 34069 + 4986, 122119 + 5077, 1404));
		MachineSample end = new MachineSample(start.busyTicks() + 150, start.idleTicks() + 50, start.stealTicks() + 20);
		MachineSample.Interval window = start.until(end);
		assertThat(window.busySeconds()).isEqualTo(1.5);
		assertThat(window.busyShare()).isEqualTo(0.75);
		assertThat(window.stealSeconds()).isEqualTo(0.2);
		assertThat(MachineSample.UNKNOWN.until(end).busySeconds()).isNaN();
	}

	@Test
	void thisMachineCountsForward() throws Exception {
		MachineSample before = MachineSample.take();
		long until = System.nanoTime() + 300_000_000L;
		while (System.nanoTime() < until) {
			Thread.onSpinWait();
		}
		MachineSample.Interval window = before.until(MachineSample.take());
		assertThat(window.busySeconds()).isGreaterThan(0.05);
		assertThat(window.busyShare()).isBetween(0.0, 1.0);
	}

	@Test
	void textWithoutTheAggregateLineFailsLoudly() {
		assertThatIllegalArgumentException().isThrownBy(() -> MachineSample.parse("cpu0 1 2 3 4 5 6 7 8\n"))
			.withMessageContaining("aggregate cpu line");
		assertThatIllegalArgumentException().isThrownBy(() -> MachineSample.parse("cpu 1 2 3\n"))
			.withMessageContaining("aggregate cpu line");
	}

}
