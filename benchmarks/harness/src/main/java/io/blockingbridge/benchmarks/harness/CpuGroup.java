package io.blockingbridge.benchmarks.harness;

import java.util.List;

/**
 * The groups a variant JVM's threads are counted in when its CPU time is split: by the thread's name as
 * Linux keeps it ({@code /proc/<pid>/task/<tid>/comm}, the Java name cut to 15 characters, such as
 * {@code reactor-http-ep} for {@code reactor-http-epoll-1}) or as JFR records it (the whole name).
 */
enum CpuGroup {

	/** Reactor Netty's server and WebClient event loops ({@code reactor-http-*}), Tomcat's acceptor and poller ({@code http-nio-*}). */
	HTTP_LOOPS("HTTP loops", "http", "reactor-http-", "http-nio-"),

	/** The database driver's event loops: r2dbc-postgresql on Reactor Netty's TCP loops ({@code reactor-tcp-*}), {@code r2dbc-*}, HikariCP's housekeeper. */
	DB_LOOPS("DB loops", "db", "reactor-tcp-", "r2dbc-", "HikariPool"),

	/** Virtual threads' carriers ({@code ForkJoinPool-N-worker-M}; JFR: the virtual threads themselves) and the JDK's I/O pollers for them. */
	CARRIERS("carriers", "carriers", "ForkJoinPool-", "Read-Poller", "Write-Poller"),

	/** The garbage collector's threads (G1: {@code GC Thread#N}, {@code G1 Conc#N}, {@code G1 Refine#N}, {@code G1 Main Marker}, {@code G1 Service}). */
	GC("GC threads", "gc", "GC Thread", "G1 ", "GC "),

	/** The JIT compilers ({@code C1 CompilerThread0}, {@code C2 CompilerThread0}). */
	JIT("JIT", "jit", "C1 Compiler", "C2 Compiler"),

	/** Every other live thread (VM Thread, timers, {@code bridge-await-deadlines}, JFR's threads, ...). */
	OTHER("other", "other"),

	/**
	 * Threads that ended during the interval: the process's CPU time ({@code /proc/<pid>/stat}, which
	 * keeps the time of ended threads) minus the live threads' (so it can be a tick or two below zero).
	 */
	EXITED("ended threads", "exited");

	private final String label;

	private final String key;

	private final List<String> prefixes;

	CpuGroup(String label, String key, String... prefixes) {
		this.label = label;
		this.key = key;
		this.prefixes = List.of(prefixes);
	}

	String label() {
		return this.label;
	}

	/** A short name for CSV columns and the per-round split. */
	String key() {
		return this.key;
	}

	/** The group of a live thread, by its name (never {@link #EXITED}). */
	static CpuGroup of(String threadName) {
		for (CpuGroup group : values()) {
			for (String prefix : group.prefixes) {
				if (threadName.startsWith(prefix)) {
					return group;
				}
			}
		}
		return OTHER;
	}

}
