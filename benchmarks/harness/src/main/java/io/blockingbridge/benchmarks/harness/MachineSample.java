package io.blockingbridge.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU time so far, from the aggregate {@code cpu} line of {@code /proc/stat}. Over a
 * window, the machine's busy time minus the variant's is what everything else used (wrk, the kitchen stub,
 * PostgreSQL, and whatever else runs on the machine): per request it is about constant while nothing
 * else runs, so a round where it jumps was disturbed. Steal is time the hypervisor gave to other guests.
 *
 * @param busyTicks user + nice + system + irq + softirq
 * @param idleTicks idle + iowait
 * @param stealTicks steal
 */
record MachineSample(long busyTicks, long idleTicks, long stealTicks) {

	static final MachineSample UNKNOWN = new MachineSample(-1, -1, -1);

	static MachineSample take() throws IOException {
		return parse(Files.readString(Path.of("/proc/stat")));
	}

	/** The aggregate {@code cpu} line (the first): user nice system idle iowait irq softirq steal ... */
	static MachineSample parse(String procStat) {
		String line = procStat.lines().findFirst().orElse("");
		String[] fields = line.trim().split("\\s+");
		if (!fields[0].equals("cpu") || fields.length < 9) {
			throw new IllegalArgumentException("Not /proc/stat (no aggregate cpu line with 8 counters first): " + line);
		}
		long[] value = new long[9];
		for (int index = 1; index <= 8; index++) {
			value[index] = Long.parseLong(fields[index]);
		}
		return new MachineSample(value[1] + value[2] + value[3] + value[6] + value[7], value[4] + value[5], value[8]);
	}

	/**
	 * What the machine did from this sample to a later one.
	 *
	 * @param busySeconds CPU seconds used by everything (all cores)
	 * @param busyShare share of all cores' time that was busy (steal left out of both)
	 * @param stealSeconds CPU seconds taken by other guests
	 */
	record Interval(double busySeconds, double busyShare, double stealSeconds) {

		static final Interval UNKNOWN = new Interval(Double.NaN, Double.NaN, Double.NaN);

	}

	Interval until(MachineSample end) {
		if (this.busyTicks < 0 || end.busyTicks < 0) {
			return Interval.UNKNOWN;
		}
		long busy = end.busyTicks - this.busyTicks;
		long idle = end.idleTicks - this.idleTicks;
		long steal = end.stealTicks - this.stealTicks;
		return new Interval(busy / ProcSample.CLOCK_TICKS, (busy + idle > 0) ? busy / (double) (busy + idle) : Double.NaN,
				steal / ProcSample.CLOCK_TICKS);
	}

}
