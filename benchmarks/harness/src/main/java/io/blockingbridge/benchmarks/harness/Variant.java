package io.blockingbridge.benchmarks.harness;

import java.nio.file.Path;
import java.util.List;

/**
 * The implementations of the order endpoint under comparison, and how to start each.
 */
enum Variant {

	/** Hand-written reactive WebFlux: the baseline. */
	A("hand-written reactive WebFlux (baseline)", "webflux-variants", "A"),

	/** {@code @BlockingStyle} with Blocking Bridge's blocking clients. */
	B("@BlockingStyle + Blocking Bridge clients", "webflux-variants", "B"),

	/** Stock Spring Boot virtual threads, a non-reactive controller calling block(). */
	C("stock WebFlux virtual threads + block()", "webflux-variants", "C"),

	/** Spring MVC on Tomcat with virtual threads, JDBC and RestClient. */
	D("Spring MVC + virtual threads + JDBC + RestClient", "mvc-variant", null),

	/**
	 * B with the bridge's metrics on ({@code bridge.requests}, {@code bridge.requests.active},
	 * {@code bridge.awaits} in a SimpleMeterRegistry): their cost is B's throughput against BM's. Not in
	 * the default run; ask for it with {@code --variants=B,BM}.
	 */
	BM("@BlockingStyle + Blocking Bridge clients, with the bridge's metrics", "webflux-variants", "B,metrics", false),

	/**
	 * B with its downstream HTTP call on Spring's RestClient over the bridge's
	 * {@code BridgeClientHttpRequestFactory} instead of {@code BlockingWebClient}: the cost of the new
	 * path is B's CPU per request against BR's. Not in the default run; ask for it with
	 * {@code --variants=B,BR}.
	 */
	BR("@BlockingStyle + BlockingDatabaseClient + RestClient over the bridge", "webflux-variants", "B,restclient",
			false);

	private final String description;

	private final String module;

	private final String profile;

	private final boolean inDefaultRun;

	Variant(String description, String module, String profile) {
		this(description, module, profile, true);
	}

	Variant(String description, String module, String profile, boolean inDefaultRun) {
		this.description = description;
		this.module = module;
		this.profile = profile;
		this.inDefaultRun = inDefaultRun;
	}

	/**
	 * The variants measured unless {@code --variants} names others: A, B, C and D.
	 */
	static List<Variant> defaults() {
		return java.util.Arrays.stream(values()).filter((variant) -> variant.inDefaultRun).toList();
	}

	String description() {
		return this.description;
	}

	/**
	 * The command that starts this variant.
	 */
	List<String> command(HarnessOptions options, int port, int kitchenPort) {
		return command(options, port, kitchenPort, List.of(), List.of());
	}

	/**
	 * The command that starts this variant, with more JVM options (before {@code -jar}) and more
	 * application arguments (such as Spring properties).
	 */
	List<String> command(HarnessOptions options, int port, int kitchenPort, List<String> jvmOptions,
			List<String> arguments) {
		List<String> command = new java.util.ArrayList<>(
				List.of(options.java().toString(), "-XX:+UseG1GC", "-Xms" + options.heap(), "-Xmx" + options.heap()));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar(options.root(), this.module).toString(), "--server.port=" + port,
				"--kitchen.url=http://127.0.0.1:" + kitchenPort));
		if (this.profile != null) {
			command.add("--spring.profiles.active=" + this.profile);
		}
		command.addAll(arguments);
		return command;
	}

	static Path jar(Path root, String module) {
		return root.resolve("benchmarks/" + module + "/target/" + module + ".jar");
	}

}
