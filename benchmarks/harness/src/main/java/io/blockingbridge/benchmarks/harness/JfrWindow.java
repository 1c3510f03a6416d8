package io.blockingbridge.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --jfr}: a JFR recording of one measured window, started and stopped with jcmd, with CPU-time
 * samples ({@code jdk.CPUTimeSample}, JDK 25+, every 1 ms of a thread's CPU time) and every JIT
 * compilation on top of the {@code profile} settings; summarised by {@link JfrSummary} into {@code logs/<variant>-c<n>-r<round>-jfr.txt}.
 */
final class JfrWindow {

	private static final String NAME = "window";

	private final HarnessOptions options;

	private final long pid;

	private final Path recording;

	private final Path summary;

	private JfrWindow(HarnessOptions options, long pid, Path recording, Path summary) {
		this.options = options;
		this.pid = pid;
		this.recording = recording;
		this.summary = summary;
	}

	static JfrWindow start(HarnessOptions options, long pid, Path logs, String name)
			throws IOException, InterruptedException {
		Path settings = settings(options, logs);
		Path recording = logs.resolve(name + ".jfr");
		Files.deleteIfExists(recording);
		JcmdOutput.run(options.jcmd(), pid, "JFR.start", "name=" + NAME, "settings=" + settings, "filename=" + recording);
		return new JfrWindow(options, pid, recording, logs.resolve(name + "-jfr.txt"));
	}

	void stopAndSummarise(long requests) throws IOException, InterruptedException {
		JcmdOutput.run(this.options.jcmd(), this.pid, "JFR.stop", "name=" + NAME);
		String text = JfrSummary.summarise(this.recording, requests);
		Files.writeString(this.summary, text);
		System.out.println(text);
	}

	/** {@code profile} with CPU-time sampling on, written once per run with {@code jfr configure}. */
	private static Path settings(HarnessOptions options, Path logs) throws IOException, InterruptedException {
		Path settings = logs.resolve("window.jfc");
		if (Files.exists(settings)) {
			return settings;
		}
		Files.createDirectories(logs);
		Path jfr = options.java().resolveSibling("jfr");
		Process process = new ProcessBuilder(jfr.toString(), "configure", "--input", "profile",
				"jdk.CPUTimeSample#enabled=true", "jdk.CPUTimeSample#throttle=1ms", "jdk.Compilation#threshold=0ms", "--output", settings.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0) {
			// JDK 21-24 have no jdk.CPUTimeSample: the profile settings' execution samples only
			process = new ProcessBuilder(jfr.toString(), "configure", "--input", "profile", "--output", settings.toString())
				.redirectErrorStream(true)
				.start();
			output += new String(process.getInputStream().readAllBytes());
			if (process.waitFor() != 0) {
				throw new IOException(jfr + " configure failed:\n" + output);
			}
		}
		return settings;
	}

}
