package io.blockingbridge.benchmarks.harness;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's per-round table: a round off its variant's median shows where its CPU went, next to the
 * reference's round it was compared to; rounds near the median show no split.
 */
class ResultReportTests {

	private final HarnessOptions options = HarnessOptions
		.parse(new String[] { "--variants=C,B", "--concurrency=512", "--rounds=3", "--skip-jmh", "--warmup=15" });

	@Test
	void aRoundOffTheMedianShowsItsSplitAndTheReferencesRound() {
		List<LoadResult> results = new ArrayList<>();
		for (int round = 1; round <= 3; round++) {
			// C is bimodal: round 2 is its fast mode (0.25 ms per request against 0.40)
			double c = (round == 2) ? 0.25 : 0.40;
			results.add(result(Variant.C, round, 3000, c, 100));
			results.add(result(Variant.B, round, 3000, 0.40, 200));
		}
		String markdown = new ResultReport(results, List.of(), this.options, "test machine").markdown("benchmarks/run.sh");
		String rounds = markdown.substring(markdown.indexOf("## Every round"));
		List<String> rows = rounds.lines().filter((line) -> line.startsWith("| 512 |")).toList();
		assertThat(rows).hasSize(6);
		// round 2: C off its own median, B off its median ratio (1.60 against 1.00): both flagged, both split
		assertThat(row(rows, 2, "C *")).contains("http 100").contains("carriers 150");
		assertThat(row(rows, 2, "B *")).contains("| 1.60 |").contains("http 200");
		// C round 1: 0.400 ms per request, 0 of it JIT; others 0.6 ms per request, the machine 90% busy, 0.5 s stolen
		assertThat(row(rows, 1, "C")).contains("| 0.400 | 1.00 | 0.400 | 2.50 | 45.0 (3) | 0.600 | 90 | 0.5 |");
		// round 1: nothing off
		assertThat(row(rows, 1, "C")).doesNotContain("http ").endsWith("|  |");
		assertThat(row(rows, 1, "B")).doesNotContain("http ");
		assertThat(markdown).contains("## Where the CPU goes");
		String medians = markdown.substring(markdown.indexOf("## Where the CPU goes"), markdown.indexOf("## Every round"));
		// B: 200 µs http, 200 carriers (0.40 ms = 400 µs), 2.5 context switches, 5 ms of GC per 1,000 requests
		assertThat(medians).contains("| 512 | B | 400 | 200 | 0 | 200 | 0 | 0 | 0 | 0 | 2.50 | 5.0 | 0.33 | 1.000 / 0.500 / 0.400 |");
		String csv = new ResultReport(results, List.of(), this.options, "test machine").csv();
		assertThat(csv.lines().findFirst().orElseThrow()).endsWith(
				"cpu_us_http,cpu_us_db,cpu_us_carriers,cpu_us_gc,cpu_us_jit,cpu_us_other,cpu_us_exited,ctx_switches_per_request,gc_pause_ms,gc_pauses,warmup_cpu_ms_per_request,others_cpu_ms_per_request,machine_busy_share,steal_s");
		assertThat(csv.lines().skip(1).findFirst().orElseThrow()).endsWith(",2.500,45.0,3,1.0000/0.5000/0.4000,0.6000,0.900,0.50");
	}

	private static String row(List<String> rows, int round, String variant) {
		return rows.stream()
			.filter((line) -> line.startsWith("| 512 | " + round + " | " + variant + " |"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no row for round " + round + " " + variant + " in\n" + String.join("\n", rows)));
	}

	/** A round whose CPU (ms per request) is half on the HTTP loops, half on the carriers. */
	private static LoadResult result(Variant variant, int round, long requestsPerSecond, double cpuMillis, double httpMicros) {
		Map<CpuGroup, Double> split = new EnumMap<>(CpuGroup.class);
		for (CpuGroup group : CpuGroup.values()) {
			split.put(group, 0.0);
		}
		double total = cpuMillis * 1000;
		double http = Math.min(httpMicros, total / 2);
		split.put(CpuGroup.HTTP_LOOPS, http);
		split.put(CpuGroup.CARRIERS, total - http);
		long requests = requestsPerSecond * 3;
		return new LoadResult(variant, 512, round, requests, requestsPerSecond, 100, 200, 0, cpuMillis, 500, "", split, 2.5, 3,
				requests / 1000.0 * 5, List.of(1.0, 0.5, 0.4), 0.6, 0.9, 0.5);
	}

}
