package io.blockingbridge.benchmarks.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

	/** The warm-up is measured in slices of this length (a remainder under two slices is one slice). */
	static final Duration WARMUP_SLICE = Duration.ofSeconds(5);

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
							"round %d  c=%-5d %s  %8.0f req/s  p50 %7.1f ms  p99 %7.1f ms  errors %d  cpu %.3f ms/req (%s)  cs %.2f/req  gc %s  others %.3f ms/req  machine busy %.0f%%  warm-up %s  rss %.0f MiB  %s%n",
							round, concurrency, variant, result.throughput(), result.p50Millis(), result.p99Millis(),
							result.errors(), result.cpuSecondsPer1000(), ResultReport.split(result), result.contextSwitchesPerRequest(),
							ResultReport.gc(result), result.othersCpuMillis(), result.machineBusyShare() * 100, ResultReport.warmup(result), result.peakRssMiB(), result.note());
				}
			}
		}
	}

	private static LoadResult measure(HarnessOptions options, Variant variant, int concurrency, int round,
			int kitchenPort, Path logs) throws IOException, InterruptedException {
		int port = freePort();
		String url = "http://127.0.0.1:" + port + "/order?customer=bench&item=7";
		String name = "%s-c%d-r%d".formatted(variant, concurrency, round);
		Path log = logs.resolve(name + ".log");
		try (VariantProcess process = VariantProcess.start(options.pinning().variant(variant.command(options, port, kitchenPort)), log)) {
			process.awaitReady(url, Duration.ofSeconds(90));
			List<Double> warmupCpu = warmUp(options, process, url, concurrency);
			Path jstat = GcSample.jstat(options.java());
			Optional<JfrWindow> jfr = options.jfr()
					? Optional.of(JfrWindow.start(options, process.pid(), logs, name)) : Optional.empty();
			// jstat starts a JVM of its own: it runs before and after the window, never in it.
			GcSample gcBefore = GcSample.take(jstat, process.pid());
			MachineSample machineBefore = MachineSample.take();
			ProcSample before = process.procSample();
			WrkRun run = WrkRun.run(url, concurrency, options.duration(), options.pinning());
			ProcSample after = process.procSample();
			MachineSample.Interval machine = machineBefore.until(MachineSample.take());
			GcSample gcAfter = GcSample.take(jstat, process.pid());
			if (jfr.isPresent()) {
				jfr.get().stopAndSummarise(run.requests());
			}
			ProcSample.Interval window = before.until(after);
			double perThousand = run.requests() / 1000.0;
			double cpuPer1000 = (run.requests() > 0) ? window.cpuSeconds() / perThousand : Double.NaN;
			Map<CpuGroup, Double> split = new EnumMap<>(CpuGroup.class);
			window.cpuSecondsByGroup().forEach((group, seconds) -> split.put(group,
					(run.requests() > 0) ? seconds * 1000 / perThousand : Double.NaN));
			double othersCpuMillis = (run.requests() > 0)
					? (machine.busySeconds() - window.cpuSeconds()) / perThousand : Double.NaN;
			double switches = (run.requests() > 0) ? window.contextSwitches() / (double) run.requests() : Double.NaN;
			double peakRss = process.peakRssMiB();
			String note = (run.requests() == 0) ? "no response in " + options.duration().toSeconds() + " s" : "";
			if (Files.readString(log).contains("OutOfMemoryError")) {
				note = (note.isEmpty() ? "" : note + "; ") + "OutOfMemoryError (see " + log.getFileName() + ")";
			}
			return new LoadResult(variant, concurrency, round, run.requests(), run.throughput(), run.p50Millis(),
					run.p99Millis(), run.errors(), cpuPer1000, peakRss, note, split, switches,
					gcBefore.pausesUntil(gcAfter), gcBefore.pauseMillisUntil(gcAfter), warmupCpu, othersCpuMillis,
					machine.busyShare(), machine.stealSeconds());
		}
	}

	/**
	 * The warm-up, in slices of {@link #WARMUP_SLICE} (a remainder shorter than two slices is one slice):
	 * the CPU ms per request of each slice shows whether the warm-up was long enough (the JIT done) before
	 * the window starts. With {@code --warmup=auto} it ends after the first slice in which the JIT
	 * compilers' threads used less than {@link HarnessOptions#AUTO_WARMUP_JIT_SHARE} of the variant's CPU.
	 */
	private static List<Double> warmUp(HarnessOptions options, VariantProcess process, String url, int concurrency)
			throws IOException, InterruptedException {
		List<Double> cpuPerRequest = new ArrayList<>();
		Duration left = options.warmup();
		while (left.toSeconds() > 0) {
			Duration slice = (left.compareTo(WARMUP_SLICE.multipliedBy(2)) < 0) ? left : WARMUP_SLICE;
			ProcSample before = process.procSample();
			WrkRun run = WrkRun.run(url, concurrency, slice, options.pinning());
			ProcSample.Interval used = before.until(process.procSample());
			cpuPerRequest.add((run.requests() > 0) ? used.cpuSeconds() * 1000 / run.requests() : Double.NaN);
			left = left.minus(slice);
			if (options.warmupAuto() && jitQuiet(used)) {
				break;
			}
		}
		return cpuPerRequest;
	}

	/** Whether the JIT compilers' threads used less than {@link HarnessOptions#AUTO_WARMUP_JIT_SHARE} of the CPU. */
	static boolean jitQuiet(ProcSample.Interval interval) {
		return interval.cpuSeconds() > 0
				&& interval.cpuSecondsByGroup().get(CpuGroup.JIT) < HarnessOptions.AUTO_WARMUP_JIT_SHARE * interval.cpuSeconds();
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
