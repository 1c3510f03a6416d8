package io.blockingbridge.benchmarks.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.blockingbridge.benchmarks.harness.JmhRun.JmhResult;

/**
 * Runs the whole benchmark: starts the kitchen stub, then for every round and concurrency level each
 * variant in turn (interleaved, so the ratios hold on a noisy machine) in a JVM of its own, warms it
 * up and measures it with wrk; runs the JMH benchmarks; prints the table and writes it as markdown and
 * CSV under {@code benchmarks/results/}. With {@code --mode=inflight} it measures each variant's memory
 * with many requests in flight instead (see {@link InflightRun}).
 */
public final class BenchmarkHarness {

	private BenchmarkHarness() {
	}

	/**
	 * Run the benchmark.
	 * @param args options, see {@link HarnessOptions}
	 * @throws Exception when a step fails
	 */
	public static void main(String[] args) throws Exception {
		HarnessOptions options = HarnessOptions.parse(args);
		Path logs = options.results().resolve("logs");
		String command = "benchmarks/run.sh" + Arrays.stream(args)
			.filter((arg) -> !arg.startsWith("--java=") && !arg.startsWith("--root="))
			.map((arg) -> " " + arg)
			.collect(Collectors.joining());
		boolean inflight = options.mode().equals("inflight");
		int kitchenPort = freePort();
		// In flight mode the kitchen keeps its heap while the variants' heaps shrink.
		String kitchenHeap = inflight ? "512m" : options.heap();
		List<String> kitchenCommand = options.pinning()
			.load(List.of(options.java().toString(), "-XX:+UseG1GC", "-Xms" + kitchenHeap, "-Xmx" + kitchenHeap, "-jar",
					Variant.jar(options.root(), "webflux-variants").toString(), "--spring.profiles.active=kitchen",
					"--server.port=" + kitchenPort, "--kitchen.delay=" + options.kitchenDelay().toMillis() + "ms"));
		List<LoadResult> results = new ArrayList<>();
		List<InflightResult> inflightResults = List.of();
		try (VariantProcess kitchen = VariantProcess.start(kitchenCommand, logs.resolve("kitchen.log"))) {
			String kitchenUrl = "http://127.0.0.1:" + kitchenPort + "/cook?item=1";
			if (inflight) {
				kitchen.awaitListening("http://127.0.0.1:" + kitchenPort + "/", Duration.ofSeconds(90));
				inflightResults = new InflightRun(options, kitchenPort, logs).run();
			}
			else {
				kitchen.awaitReady(kitchenUrl, Duration.ofSeconds(90));
				// A cold kitchen would slow down whichever variant runs first.
				WrkRun.run(kitchenUrl, 256, Duration.ofSeconds(15), options.pinning());
				runLoad(options, kitchenPort, logs, results);
			}
		}
		if (inflight) {
			InflightReport report = new InflightReport(inflightResults, options, describeMachine(options));
			report.write(options.results(), command);
			System.out.println();
			System.out.println(report.markdown(command));
			System.out.println("Written to " + options.results().resolve("results-inflight.md") + " and results-inflight.csv");
			return;
		}
		List<JmhResult> jmh = options.runJmh() ? JmhRun.run(options, logs.resolve("jmh.csv")) : List.of();
		ResultReport report = new ResultReport(results, jmh, options, describeMachine(options));
		report.write(options.results(), command);
		System.out.println();
		System.out.println(report.markdown(command));
		System.out.println("Written to " + options.results().resolve("results.md") + " and results.csv");
	}

	private static void runLoad(HarnessOptions options, int kitchenPort, Path logs, List<LoadResult> results)
			throws IOException, InterruptedException {
		for (int round = 1; round <= options.rounds(); round++) {
			for (int concurrency : options.concurrencies()) {
				for (Variant variant : options.variantsForRound(round)) {
					LoadResult result = measure(options, variant, concurrency, round, kitchenPort, logs);
					results.add(result);
					System.out.printf(Locale.ROOT,
							"round %d  c=%-5d %s  %8.0f req/s  p50 %7.1f ms  p99 %7.1f ms  errors %d  cpu %.3f ms/req  rss %.0f MiB  %s%n",
							round, concurrency, variant, result.throughput(), result.p50Millis(), result.p99Millis(),
							result.errors(), result.cpuSecondsPer1000(), result.peakRssMiB(), result.note());
				}
			}
		}
	}

	private static LoadResult measure(HarnessOptions options, Variant variant, int concurrency, int round,
			int kitchenPort, Path logs) throws IOException, InterruptedException {
		int port = freePort();
		String url = "http://127.0.0.1:" + port + "/order?customer=bench&item=7";
		Path log = logs.resolve("%s-c%d-r%d.log".formatted(variant, concurrency, round));
		try (VariantProcess process = VariantProcess.start(options.pinning().variant(variant.command(options, port, kitchenPort)), log)) {
			process.awaitReady(url, Duration.ofSeconds(90));
			WrkRun.run(url, concurrency, options.warmup(), options.pinning());
			double cpuBefore = process.cpuSeconds();
			WrkRun run = WrkRun.run(url, concurrency, options.duration(), options.pinning());
			double cpuUsed = process.cpuSeconds() - cpuBefore;
			double cpuPer1000 = (run.requests() > 0) ? cpuUsed / (run.requests() / 1000.0) : Double.NaN;
			double peakRss = process.peakRssMiB();
			String note = (run.requests() == 0) ? "no response in " + options.duration().toSeconds() + " s" : "";
			if (Files.readString(log).contains("OutOfMemoryError")) {
				note = (note.isEmpty() ? "" : note + "; ") + "OutOfMemoryError (see " + log.getFileName() + ")";
			}
			return new LoadResult(variant, concurrency, round, run.requests(), run.throughput(), run.p50Millis(),
					run.p99Millis(), run.errors(), cpuPer1000, peakRss, note);
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String describeMachine(HarnessOptions options) throws IOException {
		String cpu = Files.readAllLines(Path.of("/proc/cpuinfo"))
			.stream()
			.filter((line) -> line.startsWith("model name"))
			.findFirst()
			.map((line) -> line.substring(line.indexOf(':') + 1).trim())
			.orElse("unknown CPU");
		long memoryKiB = Files.readAllLines(Path.of("/proc/meminfo"))
			.stream()
			.filter((line) -> line.startsWith("MemTotal"))
			.findFirst()
			.map((line) -> Long.parseLong(line.replaceAll("\\D", "")))
			.orElse(0L);
		// Counted from /proc/cpuinfo: in flight mode this JVM may already be pinned to fewer cores.
		long cores = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter((line) -> line.startsWith("processor")).count();
		return String.format(Locale.ROOT, "%d cores (%s), %.0f GiB, Java %s, %s", cores,
				cpu, memoryKiB / 1024.0 / 1024.0, Runtime.version(), System.getProperty("os.name") + " "
						+ System.getProperty("os.version"));
	}

}
