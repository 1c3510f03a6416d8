package io.blockingbridge.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --mode=inflight}: for each variant, holds {@code --inflight} requests open at once (the kitchen
 * stub answers each after {@code --kitchen-delay-ms}) and measures the variant's heap (after a full GC)
 * and resident memory with them in flight against its idle baseline. With {@code --find-min-heap} it
 * retries each variant with ever smaller heaps until one no longer answers them all.
 */
final class InflightRun {

	/** The heaps {@code --find-min-heap} tries, largest first. */
	static final List<String> HEAPS = List.of("512m", "384m", "256m", "192m", "128m", "96m", "64m");

	/** Requests that warm a variant up (class loading, pools) before its idle baseline is taken. */
	static final int WARMUP_REQUESTS = 200;

	private final HarnessOptions options;

	private final int kitchenPort;

	private final Path logs;

	InflightRun(HarnessOptions options, int kitchenPort, Path logs) {
		this.options = options;
		this.kitchenPort = kitchenPort;
		this.logs = logs;
	}

	List<InflightResult> run() throws IOException, InterruptedException {
		this.options.pinning().pinThisProcessToLoad();
		List<InflightResult> results = new ArrayList<>();
		for (Variant variant : this.options.variants()) {
			if (!this.options.findMinHeap()) {
				results.add(print(measure(variant, this.options.heap())));
				continue;
			}
			for (String heap : HEAPS) {
				InflightResult result = print(measure(variant, heap));
				results.add(result);
				if (!result.allAnswered()) {
					break;
				}
			}
		}
		return results;
	}

	private InflightResult measure(Variant variant, String heap) throws IOException, InterruptedException {
		HarnessOptions withHeap = this.options.withHeap(heap);
		int port = BenchmarkHarness.freePort();
		String path = "/order?customer=bench&item=7";
		int requests = this.options.inflight();
		Duration delay = this.options.kitchenDelay();
		// Above the delay, with room for requests that wait for a pooled kitchen connection (capped pools).
		Duration timeout = delay.multipliedBy(4).plusSeconds(30);
		Path log = this.logs.resolve("inflight-%s-%s.log".formatted(variant, heap));
		// Waits for a pooled connection (kitchen: Reactor Netty, 45 s unless set; database: HikariCP, 30 s)
		// must not fail requests that queue behind the variants' pool caps: both last as long as the client waits.
		List<String> command = this.options.pinning()
			.variant(variant.command(withHeap, port, this.kitchenPort,
					List.of("-Dreactor.netty.pool.acquireTimeout=" + timeout.toMillis(), "-XX:+ExitOnOutOfMemoryError"),
					List.of("--spring.datasource.hikari.connection-timeout=" + timeout.toMillis(),
							// B: an await of the kitchen (queued behind the pool, then the delay) may last as long too
							"--bridge.timeout=" + timeout.toMillis() + "ms",
							// D: Tomcat takes every request at once (its 1024 are for the closed-loop runs), and its
							// kitchen pool matches the WebFlux variants' 4096 and waits as long as the client
							"--server.tomcat.max-connections=" + (requests + 1024), "--kitchen.max-connections=4096",
							"--kitchen.pool-timeout=" + timeout.toMillis() + "ms")));
		try (VariantProcess process = VariantProcess.start(command, log)) {
			try {
				process.awaitListening("http://127.0.0.1:" + port + "/", Duration.ofSeconds(90));
			}
			catch (IOException ex) {
				// Too small a heap to start at all is a result of --find-min-heap, not a failure of the run.
				return new InflightResult(variant, heap, requests, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0,
						requests, 0, "did not start (see " + log.getFileName() + ")");
			}
			try (InflightClient warmup = InflightClient.fire(port, path, Math.min(WARMUP_REQUESTS, requests), timeout)) {
				warmup.awaitAll(timeout.plusSeconds(10));
			}
			double idleHeap = heapOrNaN(process);
			double idleRss = process.rssMiB();
			long start = System.nanoTime();
			try (InflightClient client = InflightClient.fire(port, path, requests, timeout)) {
				long sampleAt = start + delay.toNanos() / 2;
				while ((client.sent() + client.errors() < requests || System.nanoTime() < sampleAt)
						&& System.nanoTime() < start + timeout.toNanos()) {
					Thread.sleep(50);
				}
				int openAtSample = client.open();
				double loadedHeap = heapOrNaN(process);
				double loadedRss = process.alive() ? process.rssMiB() : Double.NaN;
				boolean done = client.awaitAll(timeout.plusSeconds(10));
				double seconds = (System.nanoTime() - start) / 1e9;
				List<String> notes = new ArrayList<>();
				if (openAtSample < requests) {
					notes.add((requests - openAtSample) + " finished before the sample");
				}
				if (!done) {
					notes.add(client.open() + " still open after " + timeout.plusSeconds(10).toSeconds() + " s");
				}
				if (client.errors() > 0) {
					notes.add("first error: " + client.firstError());
				}
				// With -XX:+ExitOnOutOfMemoryError the variant also ended.
				if (process.logContains("OutOfMemoryError")) {
					notes.add("OutOfMemoryError (see " + log.getFileName() + ")");
				}
				if (!process.alive()) {
					notes.add("variant died (see " + log.getFileName() + ")");
				}
				return new InflightResult(variant, heap, requests, idleHeap, loadedHeap, idleRss, loadedRss, openAtSample,
						client.answered(), client.errors(), seconds, String.join("; ", notes));
			}
		}
	}

	private double heapOrNaN(VariantProcess process) throws InterruptedException {
		try {
			return process.heapUsedAfterGcMiB(this.options.jcmd());
		}
		catch (IOException ex) {
			System.err.println("Heap not measured: " + ex.getMessage());
			return Double.NaN;
		}
	}

	private static InflightResult print(InflightResult result) {
		System.out.printf(Locale.ROOT,
				"inflight %s -Xmx%s  %d requests: heap %.1f -> %.1f MiB (%.2f KiB/req)  rss %.1f -> %.1f MiB (%.2f KiB/req)  "
						+ "open at sample %d  answered %d  errors %d  %.1f s  %s%n",
				result.variant(), result.heap(), result.requests(), result.idleHeapMiB(), result.loadedHeapMiB(),
				result.heapKiBPerRequest(), result.idleRssMiB(), result.loadedRssMiB(), result.rssKiBPerRequest(),
				result.openAtSample(), result.answered(), result.errors(), result.lastAnswerSeconds(), result.note());
		return result;
	}

}
