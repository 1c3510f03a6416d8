package io.blockingbridge.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import io.blockingbridge.benchmarks.harness.JmhRun.JmhResult;

/**
 * Turns the results into the printed table, the markdown report and the CSV file. Each variant and
 * level is reported by medians over the rounds, and by the median and range of its per-round ratios
 * to the reference variant ({@link HarnessOptions#reference()}) measured in the same round.
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
		Variant reference = this.options.reference();
		StringBuilder out = new StringBuilder();
		out.append("# Benchmark results\n\n");
		out.append("Reference variant: **").append(reference).append("** (every ratio is to it, per round)  \n");
		out.append("Pinning: ").append(this.options.pinning().describe()).append("  \n");
		out.append("Command: `").append(command).append("`  \n");
		out.append("Machine: ").append(this.machine).append("  \n");
		out.append(String.format(Locale.ROOT,
				"Load: wrk closed loop, %ds warm-up + %ds measured per variant and level, %d round(s) (variant order "
						+ "rotated each round). Each row: the median over the rounds, ratios as median (min–max) of the "
						+ "per-round ratios to %s in the same round, errors summed, peak RSS the largest. Kitchen delay "
						+ "%d ms, heap %s per JVM.%n%n",
				this.options.warmup().toSeconds(), this.options.duration().toSeconds(), this.options.rounds(), reference,
				this.options.kitchenDelay().toMillis(), this.options.heap()));
		out.append(NOTICE.replace("to A", "to the reference variant")).append("\n\n");
		for (Variant variant : this.options.variants()) {
			out.append("- **").append(variant).append("**: ").append(variant.description()).append('\n');
		}
		out.append('\n');
		out.append("| conc. | variant | req/s | ×" + reference + " (min–max) | CPU ms/req | CPU ×" + reference
				+ " (min–max) | p50 ms | p99 ms | p99 ×" + reference + " | errors | peak RSS MiB | rounds | note |\n");
		out.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
		for (int concurrency : this.options.concurrencies()) {
			for (Variant variant : this.options.variants()) {
				List<LoadResult> rounds = rounds(variant, concurrency);
				if (rounds.isEmpty()) {
					continue;
				}
				List<LoadResult> answered = rounds.stream().filter((result) -> !result.failed()).toList();
				String notes = rounds.stream()
					.map(LoadResult::note)
					.filter((note) -> !note.isEmpty())
					.distinct()
					.collect(Collectors.joining("; "));
				out.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %s | %.3f | %s | %.1f | %.1f | %s | %d | %.0f | %d | %s |%n",
						concurrency, variant, median(answered, LoadResult::throughput),
						spread(ratios(answered, LoadResult::throughput)),
						median(answered, LoadResult::cpuSecondsPer1000),
						spread(ratios(answered, LoadResult::cpuSecondsPer1000)), median(answered, LoadResult::p50Millis),
						median(answered, LoadResult::p99Millis), medianText(ratios(answered, LoadResult::p99Millis)),
						rounds.stream().mapToLong(LoadResult::errors).sum(),
						rounds.stream().mapToDouble(LoadResult::peakRssMiB).max().orElse(Double.NaN),
						rounds.size(), (answered.size() < rounds.size()
								? (rounds.size() - answered.size()) + " round(s) without answers" + (notes.isEmpty() ? "" : "; ")
								: "") + notes));
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
			appendOverhead(out, scores, "awaitMonosCompletedOnAnotherThreadConcurrently",
					"flatMapMonosCompletedOnAnotherThreadReactively",
					"await of a Mono completed on another thread, 64 at once");
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
		Variant reference = this.options.reference();
		StringBuilder out = new StringBuilder("round,concurrency,variant,reference,requests,throughput,throughput_ratio,"
				+ "p50_ms,p99_ms,p99_ratio,errors,cpu_ms_per_request,cpu_ratio,peak_rss_mib,note\n");
		for (LoadResult result : this.results) {
			Optional<LoadResult> baseline = referenceOf(result);
			out.append(String.format(Locale.ROOT, "%d,%d,%s,%s,%d,%.1f,%s,%.2f,%.2f,%s,%d,%.4f,%s,%.1f,\"%s\"%n",
					result.round(), result.concurrency(), result.variant(), reference, result.requests(),
					result.throughput(), ratio(result, baseline, LoadResult::throughput), result.p50Millis(),
					result.p99Millis(), ratio(result, baseline, LoadResult::p99Millis), result.errors(),
					result.cpuSecondsPer1000(), ratio(result, baseline, LoadResult::cpuSecondsPer1000),
					result.peakRssMiB(), result.note()));
		}
		return out.toString();
	}

	void write(Path directory, String command) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("results.md"), markdown(command));
		Files.writeString(directory.resolve("results.csv"), csv());
	}

	private List<LoadResult> rounds(Variant variant, int concurrency) {
		return this.results.stream()
			.filter((result) -> result.variant() == variant && result.concurrency() == concurrency)
			.toList();
	}

	/** The reference variant's result at the same concurrency in the same round. */
	private Optional<LoadResult> referenceOf(LoadResult result) {
		return this.results.stream()
			.filter((other) -> other.variant() == this.options.reference() && other.concurrency() == result.concurrency()
					&& other.round() == result.round() && !other.failed())
			.findFirst();
	}

	/** Each round's ratio of the value to the reference's value in that round (rounds without one left out). */
	private List<Double> ratios(List<LoadResult> rounds, ToDoubleFunction<LoadResult> value) {
		return rounds.stream()
			.flatMap((result) -> referenceOf(result).stream()
				.map((baseline) -> value.applyAsDouble(result) / value.applyAsDouble(baseline)))
			.filter(Double::isFinite)
			.toList();
	}

	private static double median(List<LoadResult> rounds, ToDoubleFunction<LoadResult> value) {
		return median(rounds.stream().map(value::applyAsDouble).filter(Double::isFinite).toList());
	}

	static double median(List<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static String medianText(List<Double> ratios) {
		return ratios.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f", median(ratios));
	}

	/** A ratio's median and its range over the rounds, such as {@code 0.97 (0.95–0.99)}. */
	static String spread(List<Double> ratios) {
		if (ratios.isEmpty()) {
			return "-";
		}
		return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", median(ratios),
				ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
				ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
	}

	private static String ratio(LoadResult result, Optional<LoadResult> baseline, ToDoubleFunction<LoadResult> value) {
		return baseline.filter((base) -> value.applyAsDouble(base) > 0 && !result.failed())
			.map((base) -> String.format(Locale.ROOT, "%.3f", value.applyAsDouble(result) / value.applyAsDouble(base)))
			.orElse("");
	}

}
