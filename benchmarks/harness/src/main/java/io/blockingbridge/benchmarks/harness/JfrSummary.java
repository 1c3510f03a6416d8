package io.blockingbridge.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of a measured window: CPU samples ({@code jdk.CPUTimeSample} when the
 * recording has them, else {@code jdk.ExecutionSample}) per 1,000 requests by {@link CpuGroup} (virtual
 * threads count as carriers), and per group the top frames: where the samples were (top of stack), and
 * which {@code io.blockingbridge} and Spring methods they were under (inclusive).
 *
 * <pre>java -cp benchmarks/harness/target/harness.jar io.blockingbridge.benchmarks.harness.JfrSummary FILE.jfr REQUESTS</pre>
 */
public final class JfrSummary {

	private static final int TOP = 12;

	private JfrSummary() {
	}

	/**
	 * Print the summary of a recording.
	 * @param args the recording and the requests answered while it ran
	 * @throws IOException when the recording cannot be read
	 */
	public static void main(String[] args) throws IOException {
		if (args.length != 2) {
			throw new IllegalArgumentException("Usage: JfrSummary FILE.jfr REQUESTS");
		}
		System.out.println(summarise(Path.of(args[0]), Long.parseLong(args[1])));
	}

	static String summarise(Path recording, long requests) throws IOException {
		List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
		String type = events.stream().anyMatch((event) -> event.getEventType().getName().equals("jdk.CPUTimeSample"))
				? "jdk.CPUTimeSample" : "jdk.ExecutionSample";
		Map<CpuGroup, Integer> samples = new EnumMap<>(CpuGroup.class);
		Map<CpuGroup, Map<String, Integer>> top = new EnumMap<>(CpuGroup.class);
		Map<CpuGroup, Map<String, Integer>> bridge = new EnumMap<>(CpuGroup.class);
		Map<CpuGroup, Map<String, Integer>> spring = new EnumMap<>(CpuGroup.class);
		int total = 0;
		for (RecordedEvent event : events) {
			if (!event.getEventType().getName().equals(type)) {
				continue;
			}
			CpuGroup group = group(event.getThread(type.equals("jdk.CPUTimeSample") ? "eventThread" : "sampledThread"));
			samples.merge(group, 1, Integer::sum);
			total++;
			RecordedStackTrace stack = event.getStackTrace();
			if (stack == null || stack.getFrames().isEmpty()) {
				top.computeIfAbsent(group, (key) -> new HashMap<>()).merge("(no stack)", 1, Integer::sum);
				continue;
			}
			top.computeIfAbsent(group, (key) -> new HashMap<>()).merge(frame(stack.getFrames().get(0)), 1, Integer::sum);
			Set<String> seen = new HashSet<>();
			for (RecordedFrame frame : stack.getFrames()) {
				String method = frame(frame);
				if (!seen.add(method)) {
					continue;
				}
				if (method.startsWith("io.blockingbridge.") && !method.startsWith("io.blockingbridge.benchmarks.")) {
					bridge.computeIfAbsent(group, (key) -> new HashMap<>()).merge(method, 1, Integer::sum);
				}
				else if (method.startsWith("org.springframework.")) {
					spring.computeIfAbsent(group, (key) -> new HashMap<>()).merge(method, 1, Integer::sum);
				}
			}
		}
		double perThousand = requests / 1000.0;
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "JFR %s: %d %s samples, %d requests, %.1f samples per 1,000 requests%n",
				recording.getFileName(), total, type, requests, total / perThousand));
		for (CpuGroup group : CpuGroup.values()) {
			int count = samples.getOrDefault(group, 0);
			if (count == 0) {
				continue;
			}
			out.append(String.format(Locale.ROOT, "%n== %s: %d samples, %.1f per 1,000 requests (%.0f%%)%n", group.label(),
					count, count / perThousand, 100.0 * count / total));
			append(out, "top of stack", top.get(group), count, perThousand);
			append(out, "under io.blockingbridge (inclusive)", bridge.get(group), count, perThousand);
			append(out, "under org.springframework (inclusive)", spring.get(group), count, perThousand);
		}
		appendJit(out, events, perThousand);
		return out.toString();
	}

	/** JIT compilations and deoptimizations in the window: is the JIT still busy, and with what. */
	private static void appendJit(StringBuilder out, List<RecordedEvent> events, double perThousand) {
		Map<String, Integer> compiled = new HashMap<>();
		Map<String, Integer> deoptimized = new HashMap<>();
		long compilations = 0;
		double compileMillis = 0;
		long deoptimizations = 0;
		for (RecordedEvent event : events) {
			String name = event.getEventType().getName();
			if (name.equals("jdk.Compilation")) {
				compilations++;
				compileMillis += event.getDuration().toNanos() / 1e6;
				compiled.merge(packageOf(event.getValue("method")), 1, Integer::sum);
			}
			else if (name.equals("jdk.Deoptimization")) {
				deoptimizations++;
				deoptimized.merge(packageOf(event.getValue("method")) + " (" + event.getValue("reason") + ")", 1, Integer::sum);
			}
		}
		out.append(String.format(Locale.ROOT, "%n== JIT: %d compilations (%.1f per 1,000 requests, %.0f ms compiling), %d deoptimizations%n",
				compilations, compilations / perThousand, compileMillis, deoptimizations));
		append(out, "compilations by package", compiled, (int) Math.max(1, compilations), perThousand);
		append(out, "deoptimizations by package (reason)", deoptimized, (int) Math.max(1, deoptimizations), perThousand);
	}

	private static String packageOf(Object method) {
		if (!(method instanceof jdk.jfr.consumer.RecordedMethod recorded) || recorded.getType() == null) {
			return "(unknown)";
		}
		String type = recorded.getType().getName();
		String[] parts = type.split("\\.");
		return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, Math.max(1, parts.length - 1))));
	}

	private static void append(StringBuilder out, String title, Map<String, Integer> counts, int groupSamples,
			double perThousand) {
		if (counts == null || counts.isEmpty()) {
			return;
		}
		out.append("  ").append(title).append(":\n");
		List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
		sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
		for (Map.Entry<String, Integer> entry : sorted.subList(0, Math.min(TOP, sorted.size()))) {
			out.append(String.format(Locale.ROOT, "    %6.1f /1k req  %5.1f%%  %s%n", entry.getValue() / perThousand,
					100.0 * entry.getValue() / groupSamples, entry.getKey()));
		}
	}

	static CpuGroup group(RecordedThread thread) {
		if (thread == null) {
			return CpuGroup.OTHER;
		}
		if (thread.isVirtual()) {
			return CpuGroup.CARRIERS;
		}
		String name = (thread.getJavaName() != null) ? thread.getJavaName() : thread.getOSName();
		return CpuGroup.of((name != null) ? name : "");
	}

	private static String frame(RecordedFrame frame) {
		if (frame.getMethod() == null) {
			return "(unknown)";
		}
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

}
