package io.blockingbridge.benchmarks.harness;

import java.util.List;
import java.util.Map;

/**
 * What one measured load run of one variant at one concurrency gave.
 *
 * @param variant the variant
 * @param concurrency the closed-loop concurrency
 * @param round the round it belongs to
 * @param requests requests completed in the measured window
 * @param throughput requests per second
 * @param p50Millis median latency
 * @param p99Millis 99th percentile latency
 * @param errors socket errors and non-2xx answers
 * @param cpuSecondsPer1000 CPU seconds the variant's process used per 1,000 requests (= ms per request)
 * @param peakRssMiB the variant's peak resident memory
 * @param note what went wrong, if anything did (empty otherwise)
 * @param cpuMicrosByGroup CPU µs per request of each thread group (they add up to the process's)
 * @param contextSwitchesPerRequest voluntary + nonvoluntary context switches of the variant's threads per request
 * @param gcPauses garbage collections in the window (-1 when unknown)
 * @param gcPauseMillis their pause time in the window (NaN when unknown)
 * @param warmupCpuMillis CPU ms per request in each slice of the warm-up ({@link BenchmarkHarness#WARMUP_SLICE})
 * @param othersCpuMillis CPU ms per request the rest of the machine used in the window (wrk, kitchen stub,
 * PostgreSQL, anything else: {@link MachineSample})
 * @param machineBusyShare share of the machine's CPU time that was busy in the window
 * @param stealSeconds CPU seconds the hypervisor gave to other guests in the window
 */
record LoadResult(Variant variant, int concurrency, int round, long requests, double throughput, double p50Millis,
		double p99Millis, long errors, double cpuSecondsPer1000, double peakRssMiB, String note,
		Map<CpuGroup, Double> cpuMicrosByGroup, double contextSwitchesPerRequest, long gcPauses, double gcPauseMillis,
		List<Double> warmupCpuMillis, double othersCpuMillis, double machineBusyShare, double stealSeconds) {

	boolean failed() {
		return this.requests == 0;
	}

	/** CPU µs per request of one thread group (NaN when not measured). */
	double cpuMicros(CpuGroup group) {
		return this.cpuMicrosByGroup.getOrDefault(group, Double.NaN);
	}

	/** GC pause ms per 1,000 requests. */
	double gcPauseMillisPer1000() {
		return (this.requests > 0) ? this.gcPauseMillis / (this.requests / 1000.0) : Double.NaN;
	}

}
