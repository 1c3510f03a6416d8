package io.blockingbridge.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs jcmd against a JVM and reads the heap in use from {@code GC.heap_info}.
 */
final class JcmdOutput {

	/** The whole heap's line of G1, Shenandoah, Parallel or Serial, such as {@code garbage-first heap total 262144K, used 1234K}. */
	private static final Pattern HEAP_USED = Pattern.compile("(?im)^\\s*\\S.*heap.*?used (\\d+)K");

	/** ZGC's line, such as {@code ZHeap used 12M, capacity 256M}. */
	private static final Pattern Z_USED = Pattern.compile("(?im)^\\s*Z ?Heap\\s+used (\\d+)M");

	/** Each generation's line where no line covers the whole heap (Serial, Parallel). */
	private static final Pattern GENERATION_USED = Pattern.compile("(?im)^\\s*(?:def new|tenured|PSYoungGen|ParOldGen)\\b.*?used (\\d+)K");

	private static final long LIMIT_SECONDS = 60;

	private JcmdOutput() {
	}

	static String run(Path jcmd, long pid, String command, String... arguments) throws IOException, InterruptedException {
		Path output = Files.createTempFile("jcmd", ".txt");
		try {
			java.util.List<String> line = new java.util.ArrayList<>(java.util.List.of(jcmd.toString(), Long.toString(pid), command));
			line.addAll(java.util.List.of(arguments));
			Process process = new ProcessBuilder(line).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			// A JVM that is out of memory may never answer.
			if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
				throw new IOException(jcmd + " " + pid + " " + command + " did not answer within " + LIMIT_SECONDS + " s");
			}
			String text = Files.readString(output, StandardCharsets.UTF_8);
			check(process.exitValue(), jcmd, pid, command, text);
			return text;
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private static void check(int exitValue, Path jcmd, long pid, String command, String output) throws IOException {
		if (exitValue != 0) {
			throw new IOException(jcmd + " " + pid + " " + command + " failed (jcmd must come from the variant's JDK, "
					+ "and run as the same user):\n" + output);
		}
	}

	static double heapUsedMiB(String heapInfo) {
		Matcher z = Z_USED.matcher(heapInfo);
		if (z.find()) {
			return Long.parseLong(z.group(1));
		}
		Matcher heap = HEAP_USED.matcher(heapInfo);
		if (heap.find()) {
			return Long.parseLong(heap.group(1)) / 1024.0;
		}
		long usedKiB = 0;
		Matcher generation = GENERATION_USED.matcher(heapInfo);
		boolean found = false;
		while (generation.find()) {
			usedKiB += Long.parseLong(generation.group(1));
			found = true;
		}
		return found ? usedKiB / 1024.0 : Double.NaN;
	}

}
