package io.blockingbridge.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What one benchmark run does, from the command line ({@code --name=value}).
 *
 * @param mode {@code load} (throughput, latency and CPU under closed-loop load with wrk) or
 * {@code inflight} (memory with many requests in flight at once)
 * @param variants the variants to measure, in the order they are interleaved
 * @param concurrencies the closed-loop concurrency levels
 * @param warmup load before measuring, per variant and level; with {@code --warmup=auto}, the longest
 * warm-up ({@link #AUTO_WARMUP_LIMIT}), ended earlier once the JIT is quiet ({@link #warmupAuto})
 * @param duration measured load, per variant and level
 * @param rounds how often the whole interleaved sequence repeats, each round starting the sequence
 * with the next variant
 * @param kitchenDelay the kitchen stub's fixed delay
 * @param heap the heap of every variant's JVM
 * @param runJmh whether to run the JMH benchmarks too
 * @param pinning which cores the variant and the load side run on
 * @param inflight requests held in flight at once in {@code inflight} mode
 * @param findMinHeap whether {@code inflight} mode looks for the smallest heap that answers them all
 * @param warmupAuto whether the warm-up ends once the JIT compilers' threads used less than
 * {@link #AUTO_WARMUP_JIT_SHARE} of the variant's CPU in a slice ({@code --warmup=auto})
 * @param jfr whether each measured window is recorded with JFR (CPU-time and execution samples) and
 * summarised by thread group and top frames ({@link JfrWindow}); it costs CPU, so such a run's CPU
 * per request is not comparable to one without
 * @param java the java executable for the variants and JMH
 * @param root the repository's root directory
 */
record HarnessOptions(String mode, List<Variant> variants, List<Integer> concurrencies, Duration warmup,
		Duration duration, int rounds, Duration kitchenDelay, String heap, boolean runJmh, Pinning pinning,
		int inflight, boolean findMinHeap, boolean warmupAuto, boolean jfr, Path java, Path root) {

	/** The longest warm-up of {@code --warmup=auto}. */
	static final Duration AUTO_WARMUP_LIMIT = Duration.ofSeconds(120);

	/** {@code --warmup=auto} ends the warm-up after a slice where the JIT used less than this share of the variant's CPU. */
	static final double AUTO_WARMUP_JIT_SHARE = 0.05;

	private static final String USAGE = "known: --mode=load|inflight --variants=A,B,C,D,BM,BR "
			+ "--concurrency=64,512,4096 --warmup=SECONDS|auto --duration=SECONDS --rounds=N "
			+ "--kitchen-delay-ms=MS --heap=512m --skip-jmh --pin=variant:CORES,load:CORES "
			+ "--inflight=N --find-min-heap --jfr --java=PATH --root=DIR";

	static HarnessOptions parse(String[] args) {
		String mode = "load";
		List<Variant> variants = Variant.defaults();
		List<Integer> concurrencies = List.of(64, 512, 4096);
		Duration warmup = Duration.ofSeconds(6);
		Duration duration = Duration.ofSeconds(12);
		int rounds = 5;
		Duration kitchenDelay = null;
		String heap = "512m";
		boolean runJmh = true;
		Pinning pinning = Pinning.NONE;
		int inflight = 10_000;
		boolean findMinHeap = false;
		boolean jfr = false;
		boolean warmupAuto = false;
		Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
		Path root = Path.of("").toAbsolutePath();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			String value = (pair.length > 1) ? pair[1] : "true";
			switch (pair[0]) {
				case "mode" -> mode = mode(value);
				case "variants" -> variants = Arrays.stream(value.split(",")).map(Variant::valueOf).toList();
				case "concurrency" -> concurrencies = Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
				case "warmup" -> {
					warmupAuto = value.equals("auto");
					warmup = warmupAuto ? AUTO_WARMUP_LIMIT : Duration.ofSeconds(Long.parseLong(value));
				}
				case "duration" -> duration = Duration.ofSeconds(Long.parseLong(value));
				case "rounds" -> rounds = Integer.parseInt(value);
				case "kitchen-delay-ms" -> kitchenDelay = Duration.ofMillis(Long.parseLong(value));
				case "heap" -> heap = value;
				case "skip-jmh" -> runJmh = !Boolean.parseBoolean(value);
				case "pin" -> pinning = Pinning.parse(value);
				case "inflight" -> inflight = Integer.parseInt(value);
				case "find-min-heap" -> findMinHeap = Boolean.parseBoolean(value);
				case "jfr" -> jfr = Boolean.parseBoolean(value);
				case "java" -> java = Path.of(value);
				case "root" -> root = Path.of(value).toAbsolutePath();
				default -> throw new IllegalArgumentException("Unknown option --" + pair[0] + "; " + USAGE);
			}
		}
		if (kitchenDelay == null) {
			// In flight mode the requests must stay open long enough to be counted and measured.
			kitchenDelay = mode.equals("inflight") ? Duration.ofSeconds(20) : Duration.ofMillis(20);
		}
		return new HarnessOptions(mode, variants, concurrencies, warmup, duration, rounds, kitchenDelay, heap, runJmh,
				pinning, inflight, findMinHeap, warmupAuto, jfr, java, root);
	}

	private static String mode(String value) {
		if (!value.equals("load") && !value.equals("inflight")) {
			throw new IllegalArgumentException("Unknown --mode=" + value + "; use --mode=load (the default) or --mode=inflight");
		}
		return value;
	}

	/**
	 * The variant the others are compared to: A when it is in the run, else the first one listed
	 * (B for {@code --variants=B,BM}).
	 */
	Variant reference() {
		return this.variants.contains(Variant.A) ? Variant.A : this.variants.get(0);
	}

	/** The same options with another heap for the variants (for the search of the smallest heap). */
	HarnessOptions withHeap(String otherHeap) {
		return new HarnessOptions(this.mode, this.variants, this.concurrencies, this.warmup, this.duration, this.rounds,
				this.kitchenDelay, otherHeap, this.runJmh, this.pinning, this.inflight, this.findMinHeap, this.warmupAuto, this.jfr, this.java,
				this.root);
	}

	/**
	 * The variants in the order a round runs them: each round starts one variant further, so that no
	 * variant always runs first (on a machine that is still warming up) or after the same one.
	 */
	List<Variant> variantsForRound(int round) {
		int shift = (round - 1) % this.variants.size();
		List<Variant> order = new java.util.ArrayList<>(this.variants.subList(shift, this.variants.size()));
		order.addAll(this.variants.subList(0, shift));
		return order;
	}

	/** The jcmd next to the java executable (jcmd must match the target JVM's version). */
	Path jcmd() {
		Path next = this.java.resolveSibling("jcmd");
		return Files.isExecutable(next) ? next : Path.of("jcmd");
	}

	Path results() {
		return this.root.resolve("benchmarks/results");
	}

}
