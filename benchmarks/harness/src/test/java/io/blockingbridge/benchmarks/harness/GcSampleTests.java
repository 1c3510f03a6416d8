package io.blockingbridge.benchmarks.harness;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * GC pauses from {@code jstat -gc}: its output as JDK 21-25 print it, and a real jstat on this JVM.
 */
@Timeout(60)
class GcSampleTests {

	@Test
	void readsPausesAndPauseTimeByColumnName() {
		String output = """
				    S0C         S1C         S0U         S1U          EC           EU           OC           OU          MC         MU       CCSC      CCSU     YGC     YGCT     FGC    FGCT     CGC    CGCT       GCT
				        0.0     16384.0         0.0     16384.0     311296.0     286720.0     196608.0      52012.5    69632.0    68714.2    9216.0    8610.9     31     0.219     0     0.000     4     0.012     0.231
				""";
		GcSample sample = GcSample.parse(output);
		assertThat(sample.pauses()).isEqualTo(35);
		assertThat(sample.pauseSeconds()).isEqualTo(0.231);
		GcSample later = new GcSample(40, 0.281);
		assertThat(sample.pausesUntil(later)).isEqualTo(5);
		assertThat(sample.pauseMillisUntil(later)).isCloseTo(50.0, org.assertj.core.data.Offset.offset(1e-6));
		assertThat(GcSample.UNKNOWN.pausesUntil(later)).isEqualTo(-1);
		assertThat(GcSample.UNKNOWN.pauseMillisUntil(later)).isNaN();
	}

	@Test
	void outputWithoutTheColumnsFailsLoudly() {
		assertThatIllegalArgumentException().isThrownBy(() -> GcSample.parse("12345 not found\n"))
			.withMessageContaining("no header");
		assertThatIllegalArgumentException().isThrownBy(() -> GcSample.parse("S0C YGC FGC\n1.0 2 3\n"))
			.withMessageContaining("GCT");
		assertThatIllegalArgumentException().isThrownBy(() -> GcSample.parse("YGC FGC GCT\n2 3\n"))
			.withMessageContaining("2 values for 3 columns");
	}

	@Test
	void readsThisJvmWithJstat() throws Exception {
		Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
		System.gc();
		GcSample sample = GcSample.take(GcSample.jstat(java), ProcessHandle.current().pid());
		assertThat(sample).isNotEqualTo(GcSample.UNKNOWN);
		assertThat(sample.pauses()).isPositive();
		assertThat(sample.pauseSeconds()).isPositive();
	}

}
