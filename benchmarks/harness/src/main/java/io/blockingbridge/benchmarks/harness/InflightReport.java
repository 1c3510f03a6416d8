package io.blockingbridge.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Turns the results of {@code --mode=inflight} into markdown ({@code results-inflight.md}) and CSV
 * ({@code results-inflight.csv}).
 */
final class InflightReport {

	private final List<InflightResult> results;

	private final HarnessOptions options;

	private final String machine;

	InflightReport(List<InflightResult> results, HarnessOptions options, String machine) {
		this.results = results;
		this.options = options;
		this.machine = machine;
	}

	String markdown(String command) {
		StringBuilder out = new StringBuilder("# Memory with requests in flight\n\n");
		out.append("`").append(command).append("` on ").append(this.machine).append(".\n\n");
		out.append(String.format(Locale.ROOT,
				"%d requests fired at once (one connection each), kitchen delay %d ms; the loaded sample is taken once "
						+ "all are sent and at least half the delay has passed. Heap: used after `jcmd GC.run` "
						+ "(`GC.heap_info`); RSS: VmRSS. Per request = (loaded − idle) / %d. Each variant is warmed up "
						+ "with %s requests before its idle sample. Pinning: %s.%n%n",
				this.options.inflight(), this.options.kitchenDelay().toMillis(), this.options.inflight(),
				"min(" + InflightRun.WARMUP_REQUESTS + ", N)", this.options.pinning().describe()));
		out.append("| variant | -Xmx | heap idle MiB | heap loaded MiB | heap KiB/req | RSS idle MiB | RSS loaded MiB "
				+ "| RSS KiB/req | open at sample | answered | errors | s to last answer | note |\n");
		out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
		for (InflightResult result : this.results) {
			out.append(String.format(Locale.ROOT,
					"| %s | %s | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f | %d | %d | %d | %.1f | %s |%n", result.variant(),
					result.heap(), result.idleHeapMiB(), result.loadedHeapMiB(), result.heapKiBPerRequest(),
					result.idleRssMiB(), result.loadedRssMiB(), result.rssKiBPerRequest(), result.openAtSample(),
					result.answered(), result.errors(), result.lastAnswerSeconds(), result.note().replace("|", "/")));
		}
		if (this.options.findMinHeap()) {
			out.append("\nSmallest heap (of ").append(String.join(", ", InflightRun.HEAPS))
				.append(") that answered all ").append(this.options.inflight()).append(" requests with no error:\n\n");
			for (Variant variant : this.options.variants()) {
				String smallest = this.results.stream()
					.filter((result) -> result.variant() == variant && result.allAnswered())
					.reduce((first, second) -> second)
					.map(InflightResult::heap)
					.orElse("none (not even " + InflightRun.HEAPS.get(0) + ")");
				out.append("- **").append(variant).append("**: ").append(smallest).append('\n');
			}
		}
		return out.toString();
	}

	String csv() {
		StringBuilder out = new StringBuilder("variant,heap,requests,idle_heap_mib,loaded_heap_mib,heap_kib_per_request,"
				+ "idle_rss_mib,loaded_rss_mib,rss_kib_per_request,open_at_sample,answered,errors,last_answer_s,note\n");
		for (InflightResult result : this.results) {
			out.append(String.format(Locale.ROOT, "%s,%s,%d,%.1f,%.1f,%.3f,%.1f,%.1f,%.3f,%d,%d,%d,%.1f,\"%s\"%n",
					result.variant(), result.heap(), result.requests(), result.idleHeapMiB(), result.loadedHeapMiB(),
					result.heapKiBPerRequest(), result.idleRssMiB(), result.loadedRssMiB(), result.rssKiBPerRequest(),
					result.openAtSample(), result.answered(), result.errors(), result.lastAnswerSeconds(),
					result.note().replace("\"", "'")));
		}
		return out.toString();
	}

	void write(Path directory, String command) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("results-inflight.md"), markdown(command));
		Files.writeString(directory.resolve("results-inflight.csv"), csv());
	}

}
