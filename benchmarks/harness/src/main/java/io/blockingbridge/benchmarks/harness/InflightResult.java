package io.blockingbridge.benchmarks.harness;

/**
 * What one variant gave with many requests in flight at once.
 *
 * @param variant the variant
 * @param heap the variant's -Xmx
 * @param requests requests fired at once
 * @param idleHeapMiB heap in use after a full GC before the requests
 * @param loadedHeapMiB heap in use after a full GC with the requests in flight
 * @param idleRssMiB resident memory before the requests
 * @param loadedRssMiB resident memory with the requests in flight
 * @param openAtSample requests not yet answered (by the client's count) when the loaded sample was taken
 * @param answered requests answered 2xx
 * @param errors requests answered otherwise, timed out or failed
 * @param lastAnswerSeconds seconds from the first request to the last answer or failure
 * @param note what went wrong, if anything did (empty otherwise)
 */
record InflightResult(Variant variant, String heap, int requests, double idleHeapMiB, double loadedHeapMiB,
		double idleRssMiB, double loadedRssMiB, int openAtSample, int answered, int errors, double lastAnswerSeconds,
		String note) {

	/** Heap per request in flight, in KiB: (loaded − idle) / requests. */
	double heapKiBPerRequest() {
		return (this.loadedHeapMiB - this.idleHeapMiB) * 1024 / this.requests;
	}

	/** Resident memory per request in flight, in KiB: (loaded − idle) / requests. */
	double rssKiBPerRequest() {
		return (this.loadedRssMiB - this.idleRssMiB) * 1024 / this.requests;
	}

	/** Whether every request was answered 2xx. */
	boolean allAnswered() {
		return this.answered == this.requests && this.errors == 0;
	}

}
