package io.blockingbridge.benchmarks.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What one benchmark run does, from the command line ({@code --name=value}).
 *
 * @param variants the variants to measure, in the order they are interleaved
 * @param concurrencies the closed-loop concurrency levels
 * @param warmup load before measuring, per variant and level
 * @param duration measured load, per variant and level
 * @param rounds how often the whole interleaved sequence repeats, each round starting the sequence
 * with the next variant
 * @param kitchenDelay the kitchen stub's fixed delay
 * @param heap the heap of every variant's JVM
 * @param runJmh whether to run the JMH benchmarks too
 * @param java the java executable for the variants and JMH
 * @param root the repository's root directory
 */
record HarnessOptions(List<Variant> variants, List<Integer> concurrencies, Duration warmup, Duration duration,
		int rounds, Duration kitchenDelay, String heap, boolean runJmh, Path java, Path root) {

	static HarnessOptions parse(String[] args) {
		List<Variant> variants = Variant.defaults();
		List<Integer> concurrencies = List.of(64, 512, 4096);
		Duration warmup = Duration.ofSeconds(8);
		Duration duration = Duration.ofSeconds(15);
		int rounds = 3;
		Duration kitchenDelay = Duration.ofMillis(20);
		String heap = "512m";
		boolean runJmh = true;
		Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
		Path root = Path.of("").toAbsolutePath();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			String value = (pair.length > 1) ? pair[1] : "true";
			switch (pair[0]) {
				case "variants" -> variants = Arrays.stream(value.split(",")).map(Variant::valueOf).toList();
				case "concurrency" -> concurrencies = Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
				case "warmup" -> warmup = Duration.ofSeconds(Long.parseLong(value));
				case "duration" -> duration = Duration.ofSeconds(Long.parseLong(value));
				case "rounds" -> rounds = Integer.parseInt(value);
				case "kitchen-delay-ms" -> kitchenDelay = Duration.ofMillis(Long.parseLong(value));
				case "heap" -> heap = value;
				case "skip-jmh" -> runJmh = !Boolean.parseBoolean(value);
				case "java" -> java = Path.of(value);
				case "root" -> root = Path.of(value).toAbsolutePath();
				default -> throw new IllegalArgumentException("Unknown option --" + pair[0] + "; known: --variants=A,B,C,D,BM "
						+ "--concurrency=64,512,4096 --warmup=SECONDS --duration=SECONDS --rounds=N "
						+ "--kitchen-delay-ms=MS --heap=512m --skip-jmh --java=PATH --root=DIR");
			}
		}
		return new HarnessOptions(variants, concurrencies, warmup, duration, rounds, kitchenDelay, heap, runJmh, java,
				root);
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

	Path results() {
		return this.root.resolve("benchmarks/results");
	}

}
