package io.blockingbridge.benchmarks.harness;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --warmup=auto}: the warm-up ends after a slice in which the JIT compilers used under 5% of the
 * variant's CPU, and lasts at most two minutes.
 */
class WarmupTests {

	@Test
	void autoWarmUpIsParsedWithItsLimit() {
		HarnessOptions auto = HarnessOptions.parse(new String[] { "--warmup=auto" });
		assertThat(auto.warmupAuto()).isTrue();
		assertThat(auto.warmup()).isEqualTo(Duration.ofSeconds(120));
		HarnessOptions fixed = HarnessOptions.parse(new String[] { "--warmup=15" });
		assertThat(fixed.warmupAuto()).isFalse();
		assertThat(fixed.warmup()).isEqualTo(Duration.ofSeconds(15));
	}

	@Test
	void theJitIsQuietBelowFivePercentOfTheCpu() {
		assertThat(BenchmarkHarness.jitQuiet(interval(10.0, 0.6))).isFalse();
		assertThat(BenchmarkHarness.jitQuiet(interval(10.0, 0.4))).isTrue();
		// an idle slice says nothing about the JIT
		assertThat(BenchmarkHarness.jitQuiet(interval(0.0, 0.0))).isFalse();
	}

	private static ProcSample.Interval interval(double cpuSeconds, double jitSeconds) {
		Map<CpuGroup, Double> split = new java.util.EnumMap<>(CpuGroup.class);
		for (CpuGroup group : CpuGroup.values()) {
			split.put(group, 0.0);
		}
		split.put(CpuGroup.JIT, jitSeconds);
		split.put(CpuGroup.CARRIERS, cpuSeconds - jitSeconds);
		return new ProcSample.Interval(cpuSeconds, split, 0);
	}

}
