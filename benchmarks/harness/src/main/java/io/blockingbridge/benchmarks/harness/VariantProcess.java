package io.blockingbridge.benchmarks.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A JVM running one variant (or the kitchen stub): started, probed until it answers, measured through
 * {@code /proc}, and stopped.
 */
final class VariantProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private VariantProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	static VariantProcess start(List<String> command, Path log) throws IOException {
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new VariantProcess(process, log);
	}

	/**
	 * Wait until the given URL answers 200.
	 */
	void awaitReady(String url, Duration limit) throws IOException, InterruptedException {
		awaitAnswer(url, limit, true);
	}

	/**
	 * Wait until the given URL gives any HTTP answer (such as 404): the server is listening.
	 */
	void awaitListening(String url, Duration limit) throws IOException, InterruptedException {
		awaitAnswer(url, limit, false);
	}

	private void awaitAnswer(String url, Duration limit, boolean needOk) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException("Process ended before it was ready; see " + this.log + ":\n" + tail());
			}
			try {
				HttpResponse<String> response = client.send(
						HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (!needOk || response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new IOException("Not ready within " + limit + "; see " + this.log + ":\n" + tail());
	}

	/**
	 * CPU seconds (user and system) the process has used so far.
	 */
	double cpuSeconds() throws IOException {
		return ProcSample.ticks(Files.readString(Path.of("/proc/" + this.process.pid() + "/stat"))) / ProcSample.CLOCK_TICKS;
	}

	/**
	 * The process's and its threads' CPU time and context switches now (see {@link ProcSample}).
	 */
	ProcSample procSample() throws IOException {
		return ProcSample.take(this.process.pid());
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * The process's peak resident memory so far, in MiB.
	 */
	double peakRssMiB() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + this.process.pid() + "/status"))) {
			if (line.startsWith("VmHWM:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
			}
		}
		return Double.NaN;
	}

	/**
	 * The process's resident memory now ({@code VmRSS}), in MiB.
	 */
	double rssMiB() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + this.process.pid() + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
			}
		}
		return Double.NaN;
	}

	/**
	 * The Java heap in use after a full collection ({@code jcmd GC.run}, then {@code GC.heap_info}),
	 * in MiB; NaN when jcmd cannot attach (the process ended, or jcmd is of another JDK).
	 */
	double heapUsedAfterGcMiB(Path jcmd) throws IOException, InterruptedException {
		if (!this.process.isAlive()) {
			return Double.NaN;
		}
		JcmdOutput.run(jcmd, this.process.pid(), "GC.run");
		return JcmdOutput.heapUsedMiB(JcmdOutput.run(jcmd, this.process.pid(), "GC.heap_info"));
	}

	boolean alive() {
		return this.process.isAlive();
	}

	boolean logContains(String text) throws IOException {
		return Files.readString(this.log).contains(text);
	}

	private String tail() throws IOException {
		List<String> lines = Files.readAllLines(this.log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

}
