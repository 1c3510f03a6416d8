package io.blockingbridge.benchmarks.harness;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One look at a process through {@code /proc}: its CPU time ({@code /proc/<pid>/stat}) and, per live
 * thread ({@code /proc/<pid>/task/<tid>/stat} and {@code status}), its name, CPU time and context
 * switches. Two of them, taken at the start and the end of a measured window, give the window's CPU time
 * split by {@link CpuGroup} and its context switches ({@link #until}).
 *
 * @param processTicks user + system CPU time of the whole process (ended threads included), in clock ticks
 * @param threads the live threads by thread id
 */
record ProcSample(long processTicks, Map<Integer, ThreadSample> threads) {

	/** Kernel clock ticks per second, the unit of CPU times in /proc (USER_HZ, 100 on Linux). */
	static final double CLOCK_TICKS = 100.0;

	private static final Pattern VOLUNTARY = Pattern.compile("(?m)^voluntary_ctxt_switches:\\s+(\\d+)\\s*$");

	private static final Pattern NONVOLUNTARY = Pattern.compile("(?m)^nonvoluntary_ctxt_switches:\\s+(\\d+)\\s*$");

	/**
	 * One thread's counters.
	 *
	 * @param name the thread's name as Linux keeps it (15 characters at most)
	 * @param ticks user + system CPU time, in clock ticks
	 * @param contextSwitches voluntary + nonvoluntary context switches
	 */
	record ThreadSample(String name, long ticks, long contextSwitches) {
	}

	/**
	 * What happened between two samples of the same process.
	 *
	 * @param cpuSeconds CPU seconds of the whole process
	 * @param cpuSecondsByGroup CPU seconds per thread group ({@link CpuGroup#EXITED}: ended threads)
	 * @param contextSwitches context switches of the threads alive at the end (those of ended threads are
	 * not in /proc any more)
	 */
	record Interval(double cpuSeconds, Map<CpuGroup, Double> cpuSecondsByGroup, long contextSwitches) {
	}

	/** Read the process's counters now. */
	static ProcSample take(long pid) throws IOException {
		Path proc = Path.of("/proc/" + pid);
		long processTicks = ticks(Files.readString(proc.resolve("stat")));
		Map<Integer, ThreadSample> threads = new HashMap<>();
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
			for (Path task : tasks) {
				try {
					String stat = Files.readString(task.resolve("stat"));
					String status = Files.readString(task.resolve("status"));
					threads.put(Integer.valueOf(task.getFileName().toString()),
							new ThreadSample(name(stat), ticks(stat), contextSwitches(status)));
				}
				catch (NoSuchFileException ex) {
					// the thread ended while being read: counted with the ended threads
				}
			}
		}
		if (threads.isEmpty()) {
			throw new IOException("No thread of process " + pid + " readable in " + proc.resolve("task"));
		}
		return new ProcSample(processTicks, threads);
	}

	/** The window from this sample to a later one of the same process. */
	Interval until(ProcSample end) {
		Map<CpuGroup, Long> ticks = new EnumMap<>(CpuGroup.class);
		for (CpuGroup group : CpuGroup.values()) {
			ticks.put(group, 0L);
		}
		long liveTicks = 0;
		long switches = 0;
		for (Map.Entry<Integer, ThreadSample> entry : end.threads.entrySet()) {
			ThreadSample now = entry.getValue();
			ThreadSample before = this.threads.get(entry.getKey());
			// A thread id seen before under another name (or with more time) is a new thread that reuses it.
			boolean same = before != null && before.name().equals(now.name()) && before.ticks() <= now.ticks()
					&& before.contextSwitches() <= now.contextSwitches();
			long used = now.ticks() - (same ? before.ticks() : 0);
			switches += now.contextSwitches() - (same ? before.contextSwitches() : 0);
			ticks.merge(CpuGroup.of(now.name()), used, Long::sum);
			liveTicks += used;
		}
		long processUsed = end.processTicks - this.processTicks;
		ticks.put(CpuGroup.EXITED, processUsed - liveTicks);
		Map<CpuGroup, Double> seconds = new EnumMap<>(CpuGroup.class);
		ticks.forEach((group, value) -> seconds.put(group, value / CLOCK_TICKS));
		return new Interval(processUsed / CLOCK_TICKS, seconds, switches);
	}

	/** utime + stime from a {@code stat} line (fields 14 and 15; the name in parentheses may hold spaces and parentheses). */
	static long ticks(String stat) {
		int end = stat.lastIndexOf(')');
		if (end < 0) {
			throw new IllegalArgumentException("Not a /proc stat line (no ')' after the name): " + stat);
		}
		String[] fields = stat.substring(end + 2).trim().split(" ");
		if (fields.length < 13) {
			throw new IllegalArgumentException("Not a /proc stat line (" + fields.length + " fields after the name): " + stat);
		}
		// fields[0] is the state (field 3), so utime (field 14) is fields[11] and stime (15) fields[12]
		if (fields[0].length() != 1 || !Character.isLetter(fields[0].charAt(0))) {
			throw new IllegalArgumentException("Not a /proc stat line (state '" + fields[0] + "'): " + stat);
		}
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	/** The name from a {@code stat} line: what is between the first '(' and the last ')'. */
	static String name(String stat) {
		int start = stat.indexOf('(');
		int end = stat.lastIndexOf(')');
		if (start < 0 || end < start) {
			throw new IllegalArgumentException("Not a /proc stat line (no name in parentheses): " + stat);
		}
		return stat.substring(start + 1, end);
	}

	/** voluntary + nonvoluntary context switches from a {@code status} file. */
	static long contextSwitches(String status) {
		return count(VOLUNTARY, "voluntary_ctxt_switches", status) + count(NONVOLUNTARY, "nonvoluntary_ctxt_switches", status);
	}

	private static long count(Pattern pattern, String key, String status) {
		Matcher matcher = pattern.matcher(status);
		if (!matcher.find()) {
			throw new IllegalArgumentException("No " + key + " line in /proc status:\n" + status);
		}
		return Long.parseLong(matcher.group(1));
	}

}
