package io.blockingbridge.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.blockingbridge.benchmarks.harness.JmhRun.JmhResult;

/**
 * Turns the results into the printed table, the markdown report and the CSV file. Where several
 * rounds ran, each variant and level is reported by its median round (by throughput).
 */
final class ResultReport {

	static final String NOTICE = "Absolute numbers do not carry across machines; compare the ratios to A, "
			+ "measured in one interleaved run.";

	private final List<LoadResult> results;

	private final List<JmhResult> jmh;

	private final HarnessOptions options;

	private final String machine;

	ResultReport(List<LoadResult> results, List<JmhResult> jmh, HarnessOptions options, String machine) {
		this.results = results;
		this.jmh = jmh;
		this.options = options;
		this.machine = machine;
	}

	String markdown(String command) {
		StringBuilder out = new StringBuilder();
		out.append("# Benchmark results\n\n");
		out.append("Command: `").append(command).append("`  \n");
		out.append("Machine: ").append(this.machine).append("  \n");
		out.append(String.format(Locale.ROOT,
				"Load: wrk closed loop, %ds warm-up + %ds measured per variant and level, %d round(s) (variant order rotated each round; each row is the round with the median throughput), kitchen delay %d ms, heap %s per JVM.%n%n",
				this.options.warmup().toSeconds(), this.options.duration().toSeconds(), this.options.rounds(),
				this.options.kitchenDelay().toMillis(), this.options.heap()));
		out.append(NOTICE).append("\n\n");
		for (Variant variant : this.options.variants()) {
			out.append("- **").append(variant).append("**: ").append(variant.description()).append('\n');
		}
		out.append('\n');
		out.append("| conc. | variant | req/s | ×A | p50 ms | p99 ms | p99 ×A | errors | CPU s/1k req | peak RSS MiB | note |\n");
		out.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
		for (int concurrency : this.options.concurrencies()) {
			Optional<LoadResult> baseline = median(Variant.A, concurrency);
			for (Variant variant : this.options.variants()) {
				median(variant, concurrency).ifPresent((result) -> out.append(result.failed()
						? String.format(Locale.ROOT, "| %d | %s | 0 | 0 | - | - | - | all | - | %.0f | %s |%n",
								concurrency, variant, result.peakRssMiB(), result.note())
						: String.format(Locale.ROOT, "| %d | %s | %.0f | %s | %.1f | %.1f | %s | %d | %.3f | %.0f | %s |%n",
								concurrency, variant, result.throughput(),
								ratio(result.throughput(), baseline.map(LoadResult::throughput)), result.p50Millis(),
								result.p99Millis(), ratio(result.p99Millis(), baseline.map(LoadResult::p99Millis)),
								result.errors(), result.cpuSecondsPer1000(), result.peakRssMiB(), result.note())));
			}
		}
		if (!this.jmh.isEmpty()) {
			out.append("\n## The bridge's own cost (JMH, average time per operation)\n\n");
			out.append("| benchmark | ns/op | ± (99.9%) |\n|---|---:|---:|\n");
			for (JmhResult result : this.jmh) {
				out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f |%n", result.benchmark(), result.score(),
						result.error()));
			}
			Map<String, Double> scores = this.jmh.stream()
				.collect(Collectors.toMap(JmhResult::benchmark, JmhResult::score, (a, b) -> a));
			out.append('\n');
			appendOverhead(out, scores, "awaitCompletedMonoOnVirtualThread", "subscribeCompletedMonoReactively",
					"await of a completed Mono");
			appendOverhead(out, scores, "awaitMonoCompletedOnAnotherThread", "chainMonoCompletedOnAnotherThreadReactively",
					"await of a Mono completed on another thread");
			appendOverhead(out, scores, "enterBlockingStyleHandler", "enterReactiveHandler",
					"entering a @BlockingStyle handler");
		}
		return out.toString();
	}

	private static void appendOverhead(StringBuilder out, Map<String, Double> scores, String bridged, String reactive,
			String label) {
		if (scores.containsKey(bridged) && scores.containsKey(reactive)) {
			out.append(String.format(Locale.ROOT, "- Overhead of %s over the reactive equivalent: %.2f µs%n", label,
					(scores.get(bridged) - scores.get(reactive)) / 1000));
		}
	}

	String csv() {
		StringBuilder out = new StringBuilder(
				"round,concurrency,variant,requests,throughput,ratio_to_a,p50_ms,p99_ms,p99_ratio_to_a,errors,cpu_s_per_1k,peak_rss_mib,note\n");
		for (LoadResult result : this.results) {
			Optional<LoadResult> baseline = this.results.stream()
				.filter((other) -> other.variant() == Variant.A && other.concurrency() == result.concurrency()
						&& other.round() == result.round())
				.findFirst();
			out.append(String.format(Locale.ROOT, "%d,%d,%s,%d,%.1f,%s,%.2f,%.2f,%s,%d,%.4f,%.1f,\"%s\"%n", result.round(),
					result.concurrency(), result.variant(), result.requests(), result.throughput(),
					ratio(result.throughput(), baseline.map(LoadResult::throughput)), result.p50Millis(),
					result.p99Millis(), ratio(result.p99Millis(), baseline.map(LoadResult::p99Millis)), result.errors(),
					result.cpuSecondsPer1000(), result.peakRssMiB(), result.note()));
		}
		return out.toString();
	}

	void write(Path directory, String command) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("results.md"), markdown(command));
		Files.writeString(directory.resolve("results.csv"), csv());
	}

	private Optional<LoadResult> median(Variant variant, int concurrency) {
		List<LoadResult> rounds = this.results.stream()
			.filter((result) -> result.variant() == variant && result.concurrency() == concurrency)
			.sorted(Comparator.comparingDouble(LoadResult::throughput))
			.toList();
		return rounds.isEmpty() ? Optional.empty() : Optional.of(rounds.get(rounds.size() / 2));
	}

	private static String ratio(double value, Optional<Double> baseline) {
		return baseline.filter((base) -> base > 0)
			.map((base) -> String.format(Locale.ROOT, "%.2f", value / base))
			.orElse("-");
	}

}
