package io.blockingbridge.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The garbage collector's pause counters of a JVM, read with {@code jstat -gc} (from the JVM's
 * performance data file: nothing runs inside the measured JVM). Two of them give the pauses of a window.
 *
 * @param pauses collections so far (young, full and the stop-the-world phases of concurrent cycles)
 * @param pauseSeconds their pause time so far ({@code GCT})
 */
record GcSample(long pauses, double pauseSeconds) {

	static final GcSample UNKNOWN = new GcSample(-1, Double.NaN);

	/** The jstat next to the java executable (jstat must match the target JVM's version). */
	static Path jstat(Path java) {
		Path next = java.resolveSibling("jstat");
		return Files.isExecutable(next) ? next : Path.of("jstat");
	}

	/** Read the counters now; {@link #UNKNOWN} (reported as "-") when jstat cannot read the JVM. */
	static GcSample take(Path jstat, long pid) throws InterruptedException {
		try {
			Process process = new ProcessBuilder(jstat.toString(), "-gc", Long.toString(pid)).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (process.waitFor() != 0) {
				System.err.println("jstat -gc " + pid + " failed, no GC pauses in the report:\n" + output);
				return UNKNOWN;
			}
			return parse(output);
		}
		catch (IOException ex) {
			System.err.println("jstat -gc " + pid + " failed, no GC pauses in the report: " + ex);
			return UNKNOWN;
		}
	}

	/**
	 * The counters from {@code jstat -gc} output: a header line and a line of values, read by column
	 * name ({@code YGC}, {@code FGC}, {@code CGC} (absent before JDK 9) and {@code GCT}).
	 */
	static GcSample parse(String jstatOutput) {
		List<String> lines = jstatOutput.lines().map(String::trim).filter((line) -> !line.isEmpty()).toList();
		if (lines.size() < 2) {
			throw new IllegalArgumentException("jstat -gc gave no header and values:\n" + jstatOutput);
		}
		List<String> header = Arrays.asList(lines.get(0).split("\\s+"));
		String[] values = lines.get(1).split("\\s+");
		if (values.length != header.size()) {
			throw new IllegalArgumentException("jstat -gc gave " + values.length + " values for " + header.size() + " columns:\n"
					+ jstatOutput);
		}
		long pauses = 0;
		for (String column : List.of("YGC", "FGC", "CGC")) {
			int index = header.indexOf(column);
			if (index >= 0) {
				pauses += Long.parseLong(values[index]);
			}
			else if (!column.equals("CGC")) {
				throw new IllegalArgumentException("jstat -gc gave no " + column + " column:\n" + jstatOutput);
			}
		}
		int total = header.indexOf("GCT");
		if (total < 0) {
			throw new IllegalArgumentException("jstat -gc gave no GCT column:\n" + jstatOutput);
		}
		return new GcSample(pauses, Double.parseDouble(values[total].replace(',', '.')));
	}

	/** Pauses from this sample to a later one (-1 when either is unknown). */
	long pausesUntil(GcSample end) {
		return (this.pauses < 0 || end.pauses < 0) ? -1 : end.pauses - this.pauses;
	}

	/** Pause milliseconds from this sample to a later one (NaN when either is unknown). */
	double pauseMillisUntil(GcSample end) {
		return (end.pauseSeconds - this.pauseSeconds) * 1000;
	}

}
