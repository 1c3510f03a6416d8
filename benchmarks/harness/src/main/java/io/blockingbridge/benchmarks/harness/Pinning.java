package io.blockingbridge.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * Which CPU cores the variant's JVM and the load side (wrk, the in-flight client, the kitchen stub)
 * run on, from {@code --pin=variant:1,load:0} (core lists as {@code taskset -c} reads them, such as
 * {@code variant:2-3,load:0,1}). PostgreSQL is never pinned.
 *
 * @param variantCores the variant JVM's cores, empty when not pinned
 * @param loadCores the load side's cores, empty when not pinned
 */
record Pinning(String variantCores, String loadCores) {

	static final Pinning NONE = new Pinning("", "");

	static Pinning parse(String value) {
		String variant = "";
		String load = "";
		String key = null;
		for (String token : value.split(",")) {
			if (token.startsWith("variant:") || token.startsWith("load:")) {
				key = token.substring(0, token.indexOf(':'));
				token = token.substring(token.indexOf(':') + 1);
			}
			else if (key == null) {
				throw new IllegalArgumentException("--pin=" + value + " needs the form --pin=variant:CORES,load:CORES "
						+ "(such as --pin=variant:1,load:0)");
			}
			if (key.equals("variant")) {
				variant = variant.isEmpty() ? token : variant + "," + token;
			}
			else {
				load = load.isEmpty() ? token : load + "," + token;
			}
		}
		if (variant.isEmpty() || load.isEmpty()) {
			throw new IllegalArgumentException("--pin=" + value + " needs cores for both the variant and the load "
					+ "side, such as --pin=variant:1,load:0");
		}
		return new Pinning(variant, load);
	}

	boolean pinned() {
		return !this.variantCores.isEmpty();
	}

	/** The command, under {@code taskset} on the variant's cores when pinned. */
	List<String> variant(List<String> command) {
		return prefix(this.variantCores, command);
	}

	/** The command, under {@code taskset} on the load side's cores when pinned. */
	List<String> load(List<String> command) {
		return prefix(this.loadCores, command);
	}

	/** Pins this JVM (every thread of it, and those it starts later) to the load side's cores. */
	void pinThisProcessToLoad() throws java.io.IOException, InterruptedException {
		if (!pinned()) {
			return;
		}
		Process process = new ProcessBuilder("taskset", "-a", "-p", "-c", this.loadCores,
				Long.toString(ProcessHandle.current().pid()))
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0) {
			throw new java.io.IOException("taskset could not pin the load client to cores " + this.loadCores + ": " + output);
		}
	}

	String describe() {
		return pinned()
				? "variant JVM on cores " + this.variantCores + " (taskset -c " + this.variantCores
						+ "), wrk / in-flight client and kitchen stub on cores " + this.loadCores
						+ "; PostgreSQL not pinned"
				: "none (no process pinned; PostgreSQL not pinned either)";
	}

	private static List<String> prefix(String cores, List<String> command) {
		if (cores.isEmpty()) {
			return command;
		}
		List<String> pinned = new ArrayList<>(List.of("taskset", "-c", cores));
		pinned.addAll(command);
		return pinned;
	}

}
