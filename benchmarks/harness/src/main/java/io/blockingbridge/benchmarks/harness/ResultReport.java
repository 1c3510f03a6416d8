package io.blockingbridge.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
				"Load: wrk closed loop, %s warm-up + %ds measured per variant and level, %d round(s) (variant order "
						+ "rotated each round). Each row: the median over the rounds, ratios as median (min–max) of the "
						+ "per-round ratios to %s in the same round, errors summed, peak RSS the largest. Kitchen delay "
						+ "%d ms, heap %s per JVM.%n%n",
				this.options.warmupAuto()
						? "an automatic (5 s slices until the JIT threads use < 5% of the CPU, at most "
								+ this.options.warmup().toSeconds() + " s)"
						: this.options.warmup().toSeconds() + "s",
				this.options.duration().toSeconds(), this.options.rounds(), reference,
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
		appendSplitMedians(out);
		appendRounds(out, reference);
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

	/**
	 * CPU µs per request by thread group, the medians over the rounds, with context switches and GC
	 * pauses per request: where each variant spends its CPU.
	 */
	private void appendSplitMedians(StringBuilder out) {
		out.append("\n## Where the CPU goes (median over the rounds)\n\n");
		out.append("CPU µs per request by thread group, from `/proc/<pid>/task/*/stat` at the start and end of the window ("
				+ "HTTP loops: `reactor-http-*`, Tomcat's `http-nio-*`; DB loops: `reactor-tcp-*` (r2dbc-postgresql), "
				+ "`r2dbc-*`; carriers: `ForkJoinPool-*` (virtual threads' carriers) and the JDK's pollers; GC: `GC Thread#*`, "
				+ "`G1 *`; JIT: `C1/C2 CompilerThread*`; ended: threads that ended in the window). Context switches: "
				+ "voluntary + nonvoluntary, summed over `/proc/<pid>/task/*/status`. GC pauses: `jstat -gc` (GCT) "
				+ "before and after the window.\n\n");
		out.append("| conc. | variant | CPU µs/req |");
		for (CpuGroup group : CpuGroup.values()) {
			out.append(' ').append(group.label()).append(" |");
		}
		out.append(" ctx switches/req | GC pause ms/1k req | GC pauses/1k req | warm-up CPU ms/req per slice |\n|---:|---|---:|");
		out.append("---:|".repeat(CpuGroup.values().length)).append("---:|---:|---:|---|\n");
		for (int concurrency : this.options.concurrencies()) {
			for (Variant variant : this.options.variants()) {
				List<LoadResult> answered = rounds(variant, concurrency).stream().filter((result) -> !result.failed()).toList();
				if (answered.isEmpty()) {
					continue;
				}
				out.append(String.format(Locale.ROOT, "| %d | %s | %.0f |", concurrency, variant,
						median(answered, LoadResult::cpuSecondsPer1000) * 1000));
				for (CpuGroup group : CpuGroup.values()) {
					out.append(String.format(Locale.ROOT, " %.0f |", median(answered, (result) -> result.cpuMicros(group))));
				}
				List<List<Double>> warmups = answered.stream().map(LoadResult::warmupCpuMillis).toList();
				int slices = warmups.stream().mapToInt(List::size).max().orElse(0);
				List<Double> warmup = new java.util.ArrayList<>();
				for (int slice = 0; slice < slices; slice++) {
					int index = slice;
					warmup.add(median(warmups.stream().filter((list) -> list.size() > index).map((list) -> list.get(index)).toList()));
				}
				out.append(String.format(Locale.ROOT, " %.2f | %s | %s | %s |%n",
						median(answered, LoadResult::contextSwitchesPerRequest), number(median(answered, LoadResult::gcPauseMillisPer1000), 1),
						number(median(answered, (result) -> (result.gcPauses() < 0 || result.requests() == 0) ? Double.NaN
								: result.gcPauses() / (result.requests() / 1000.0)), 2),
						slices(warmup)));
			}
		}
	}

	/**
	 * Every round, with its ratios to the reference in the same round. A round whose ratio (throughput
	 * or CPU per request) is off by more than {@link #OFF} from the variant's median ratio, or whose own
	 * CPU per request is off by more than that from the variant's median, gets its split shown, and so does
	 * the reference's round it was compared to: a bimodal variant is explained, not averaged.
	 */
	private void appendRounds(StringBuilder out, Variant reference) {
		out.append("\n## Every round\n\n");
		out.append(String.format(Locale.ROOT, "Split (CPU µs/req by thread group: %s) shown for the rounds off by more than "
				+ "%.0f%% from their variant's median (ratio to %s or own CPU per request), marked *, and for the %s round "
				+ "they were compared to. CPU w/o JIT: CPU ms/req without the JIT compilers' threads. Others: CPU ms per "
				+ "request of everything else on the machine (wrk, kitchen, PostgreSQL, other processes; from `/proc/stat`): "
				+ "a round where it jumps shared the machine. Busy: the machine's busy share of all cores in the window.%n%n",
				java.util.Arrays.stream(CpuGroup.values()).map(CpuGroup::key).collect(Collectors.joining(" · ")), OFF * 100,
				reference, reference));
		out.append("| conc. | round | variant | req/s | ×" + reference + " | CPU ms/req | CPU ×" + reference
				+ " | CPU w/o JIT | ctx sw/req | GC ms (pauses) | others ms/req | busy % | steal s | warm-up CPU ms/req | split |\n");
		out.append("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
		Set<LoadResult> flagged = flagged(reference);
		for (int concurrency : this.options.concurrencies()) {
			for (int round = 1; round <= this.options.rounds(); round++) {
				int thisRound = round;
				for (Variant variant : this.options.variants()) {
					Optional<LoadResult> found = this.results.stream()
						.filter((result) -> result.variant() == variant && result.concurrency() == concurrency
								&& result.round() == thisRound)
						.findFirst();
					if (found.isEmpty()) {
						continue;
					}
					LoadResult result = found.get();
					Optional<LoadResult> baseline = referenceOf(result);
					boolean show = flagged.contains(result) || (variant == reference && flagged.stream()
						.anyMatch((other) -> other.concurrency() == concurrency && other.round() == thisRound));
					out.append(String.format(Locale.ROOT, "| %d | %d | %s%s | %.0f | %s | %.3f | %s | %s | %.2f | %s | %s | %s | %s | %s | %s |%n",
							concurrency, round, variant, flagged.contains(result) ? " *" : "", result.throughput(),
							ratio(result, baseline, LoadResult::throughput), result.cpuSecondsPer1000(),
							ratio(result, baseline, LoadResult::cpuSecondsPer1000), number(withoutJit(result), 3),
							result.contextSwitchesPerRequest(), gc(result), number(result.othersCpuMillis(), 3),
							number(result.machineBusyShare() * 100, 0), number(result.stealSeconds(), 1), warmup(result),
							show ? split(result) : ""));
				}
			}
		}
	}

	/** CPU ms per request without the JIT compilers' threads (compilation still going on in the window). */
	static double withoutJit(LoadResult result) {
		return result.cpuSecondsPer1000() - result.cpuMicros(CpuGroup.JIT) / 1000;
	}

	/** How far a round may be from its variant's median before its split is shown. */
	static final double OFF = 0.20;

	/** The rounds off their variant's median (see {@link #appendRounds}). */
	private Set<LoadResult> flagged(Variant reference) {
		Set<LoadResult> flagged = new java.util.LinkedHashSet<>();
		for (int concurrency : this.options.concurrencies()) {
			for (Variant variant : this.options.variants()) {
				List<LoadResult> answered = rounds(variant, concurrency).stream().filter((result) -> !result.failed()).toList();
				double cpu = median(answered, LoadResult::cpuSecondsPer1000);
				for (ToDoubleFunction<LoadResult> value : List.<ToDoubleFunction<LoadResult>>of(LoadResult::throughput,
						LoadResult::cpuSecondsPer1000)) {
					double medianRatio = (variant == reference) ? Double.NaN : median(ratios(answered, value));
					for (LoadResult result : answered) {
						Optional<Double> ratio = referenceOf(result).map((base) -> value.applyAsDouble(result) / value.applyAsDouble(base));
						if (ratio.isPresent() && off(ratio.get(), medianRatio)) {
							flagged.add(result);
						}
					}
				}
				for (LoadResult result : answered) {
					if (off(result.cpuSecondsPer1000(), cpu)) {
						flagged.add(result);
					}
				}
			}
		}
		return flagged;
	}

	static boolean off(double value, double median) {
		return Double.isFinite(value) && Double.isFinite(median) && median > 0 && Math.abs(value / median - 1) > OFF;
	}

	/** A round's CPU µs per request by thread group, such as {@code http 210 · db 80 · carriers 150 · ...}. */
	static String split(LoadResult result) {
		return java.util.Arrays.stream(CpuGroup.values())
			.map((group) -> group.key() + " " + number(result.cpuMicros(group), 0))
			.collect(Collectors.joining(" · "));
	}

	/** A round's GC pause time and count in the window, such as {@code 12.3 (4)}. */
	static String gc(LoadResult result) {
		return (result.gcPauses() < 0) ? "-"
				: String.format(Locale.ROOT, "%.1f (%d)", result.gcPauseMillis(), result.gcPauses());
	}

	/** A round's CPU ms per request in each warm-up slice, such as {@code 1.90 / 1.20 / 1.01}. */
	static String warmup(LoadResult result) {
		return slices(result.warmupCpuMillis());
	}

	private static String slices(List<Double> values) {
		return values.isEmpty() ? "-" : values.stream().map((value) -> number(value, 3)).collect(Collectors.joining(" / "));
	}

	private static String number(double value, int decimals) {
		return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "-";
	}

	private static String ratio(LoadResult result, Optional<LoadResult> baseline, ToDoubleFunction<LoadResult> value) {
		return baseline.filter((base) -> value.applyAsDouble(base) > 0 && !result.failed())
			.map((base) -> String.format(Locale.ROOT, "%.2f", value.applyAsDouble(result) / value.applyAsDouble(base)))
			.orElse("-");
	}

	String csv() {
		Variant reference = this.options.reference();
		StringBuilder out = new StringBuilder("round,concurrency,variant,reference,requests,throughput,throughput_ratio,"
				+ "p50_ms,p99_ms,p99_ratio,errors,cpu_ms_per_request,cpu_ratio,peak_rss_mib,note,"
				+ java.util.Arrays.stream(CpuGroup.values()).map((group) -> "cpu_us_" + group.key()).collect(Collectors.joining(","))
				+ ",ctx_switches_per_request,gc_pause_ms,gc_pauses,warmup_cpu_ms_per_request,others_cpu_ms_per_request,machine_busy_share,steal_s\n");
		for (LoadResult result : this.results) {
			Optional<LoadResult> baseline = referenceOf(result);
			out.append(String.format(Locale.ROOT, "%d,%d,%s,%s,%d,%.1f,%s,%.2f,%.2f,%s,%d,%.4f,%s,%.1f,\"%s\"%n",
					result.round(), result.concurrency(), result.variant(), reference, result.requests(),
					result.throughput(), csvRatio(result, baseline, LoadResult::throughput), result.p50Millis(),
					result.p99Millis(), csvRatio(result, baseline, LoadResult::p99Millis), result.errors(),
					result.cpuSecondsPer1000(), csvRatio(result, baseline, LoadResult::cpuSecondsPer1000),
					result.peakRssMiB(), result.note()));
			out.setLength(out.length() - 1);
			for (CpuGroup group : CpuGroup.values()) {
				double micros = result.cpuMicros(group);
				out.append(',').append(Double.isFinite(micros) ? String.format(Locale.ROOT, "%.1f", micros) : "");
			}
			out.append(String.format(Locale.ROOT, ",%.3f,%s,%s,%s%n", result.contextSwitchesPerRequest(),
					Double.isFinite(result.gcPauseMillis()) ? String.format(Locale.ROOT, "%.1f", result.gcPauseMillis()) : "",
					(result.gcPauses() < 0) ? "" : Long.toString(result.gcPauses()),
					result.warmupCpuMillis().stream().map((value) -> number(value, 4)).collect(Collectors.joining("/"))));
			out.setLength(out.length() - 1);
			out.append(String.format(Locale.ROOT, ",%s,%s,%s%n", number(result.othersCpuMillis(), 4),
					number(result.machineBusyShare(), 3), number(result.stealSeconds(), 2)));
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

	private static String csvRatio(LoadResult result, Optional<LoadResult> baseline, ToDoubleFunction<LoadResult> value) {
		return baseline.filter((base) -> value.applyAsDouble(base) > 0 && !result.failed())
			.map((base) -> String.format(Locale.ROOT, "%.3f", value.applyAsDouble(result) / value.applyAsDouble(base)))
			.orElse("");
	}

}
