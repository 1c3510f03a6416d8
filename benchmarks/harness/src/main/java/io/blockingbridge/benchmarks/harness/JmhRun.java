package io.blockingbridge.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the JMH benchmarks of the bridge's own cost and reads their CSV results.
 */
final class JmhRun {

	private JmhRun() {
	}

	/**
	 * One JMH result.
	 *
	 * @param benchmark the benchmark method
	 * @param score the average time per operation
	 * @param error the 99.9% confidence half-width
	 * @param unit the unit of score and error
	 */
	record JmhResult(String benchmark, double score, double error, String unit) {
	}

	static List<JmhResult> run(HarnessOptions options, Path csv) throws IOException, InterruptedException {
		Path module = options.root().resolve("benchmarks/jmh/target");
		String classPath = module.resolve("classes") + ":" + Files.readString(module.resolve("classpath.txt")).trim();
		List<String> command = List.of(options.java().toString(), "-cp", classPath, "org.openjdk.jmh.Main", "-rf", "csv",
				"-rff", csv.toString(), "io.blockingbridge.benchmarks.jmh");
		Process process = new ProcessBuilder(command).inheritIO().start();
		if (process.waitFor() != 0) {
			throw new IOException("JMH failed");
		}
		return read(csv);
	}

	static List<JmhResult> read(Path csv) throws IOException {
		List<JmhResult> results = new ArrayList<>();
		for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
			String[] cells = line.replace("\"", "").split(",");
			String name = cells[0].substring(cells[0].lastIndexOf('.') + 1);
			results.add(new JmhResult(name, Double.parseDouble(cells[4]), parseOrNaN(cells[5]), cells[6]));
		}
		return results;
	}

	private static double parseOrNaN(String text) {
		try {
			return Double.parseDouble(text);
		}
		catch (NumberFormatException ex) {
			return Double.NaN;
		}
	}

}
