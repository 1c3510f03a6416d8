package io.blockingbridge.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the wrk load generator (closed loop: each connection sends its next request when the
 * previous one answered), and what its report says.
 *
 * @param requests requests completed
 * @param throughput requests per second
 * @param p50Millis median latency
 * @param p99Millis 99th percentile latency
 * @param errors socket errors and non-2xx answers
 */
record WrkRun(long requests, double throughput, double p50Millis, double p99Millis, long errors) {

	private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

	private static final Pattern THROUGHPUT = Pattern.compile("Requests/sec:\\s+([\\d.]+)");

	private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([\\d.]+)(us|ms|s)\\s*$",
			Pattern.MULTILINE);

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	static WrkRun run(String url, int concurrency, Duration duration, Pinning pinning)
			throws IOException, InterruptedException {
		int threads = Math.min(2, concurrency);
		List<String> command = pinning.load(List.of("wrk", "-t" + threads, "-c" + concurrency, "-d" + duration.toSeconds() + "s",
				"--latency", "--timeout", "10s", url));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IOException("wrk failed:\n" + report);
		}
		return parse(report);
	}

	static WrkRun parse(String report) {
		double p50 = Double.NaN;
		double p99 = Double.NaN;
		Matcher percentile = PERCENTILE.matcher(report);
		while (percentile.find()) {
			double millis = toMillis(Double.parseDouble(percentile.group(2)), percentile.group(3));
			if (percentile.group(1).equals("50")) {
				p50 = millis;
			}
			else {
				p99 = millis;
			}
		}
		long errors = 0;
		Matcher socketErrors = SOCKET_ERRORS.matcher(report);
		if (socketErrors.find()) {
			for (int group = 1; group <= 4; group++) {
				errors += Long.parseLong(socketErrors.group(group));
			}
		}
		Matcher non2xx = NON_2XX.matcher(report);
		if (non2xx.find()) {
			errors += Long.parseLong(non2xx.group(1));
		}
		return new WrkRun(find(REQUESTS, report).map(Long::parseLong).orElse(0L),
				find(THROUGHPUT, report).map(Double::parseDouble).orElse(0.0), p50, p99, errors);
	}

	private static java.util.Optional<String> find(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
	}

	private static double toMillis(double value, String unit) {
		return switch (unit) {
			case "us" -> value / 1000;
			case "s" -> value * 1000;
			default -> value;
		};
	}

}
