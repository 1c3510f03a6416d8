package io.blockingbridge.benchmarks.harness;

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
 * @param cpuSecondsPer1000 CPU seconds the variant's process used per 1,000 requests
 * @param peakRssMiB the variant's peak resident memory
 * @param note what went wrong, if anything did (empty otherwise)
 */
record LoadResult(Variant variant, int concurrency, int round, long requests, double throughput, double p50Millis,
		double p99Millis, long errors, double cpuSecondsPer1000, double peakRssMiB, String note) {

	boolean failed() {
		return this.requests == 0;
	}

}
