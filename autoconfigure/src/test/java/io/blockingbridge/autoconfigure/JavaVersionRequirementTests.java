package io.blockingbridge.autoconfigure;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On Java 17, Spring Boot 4's own baseline, an application with the bridge's auto-configuration on
 * its class path starts when {@code bridge.enabled} is not true, and fails with one clear failure
 * analysis when it is. Runs a tiny application, compiled for Java 17, on a real JDK 17 in a child
 * process: {@code JAVA17_HOME}, else the machine's default {@code java} if it is a Java 17, else one
 * under {@code /usr/lib/jvm}; skipped with a notice when there is none.
 */
class JavaVersionRequirementTests {

	private static final String APPLICATION = """
			package probe;

			import org.springframework.boot.SpringApplication;
			import org.springframework.boot.autoconfigure.SpringBootApplication;

			@SpringBootApplication
			public class ProbeApplication {

				public static void main(String[] args) {
					SpringApplication.run(ProbeApplication.class, args).close();
					System.out.println("PROBE STARTED on Java " + Runtime.version().feature());
				}

			}
			""";

	private static Path java17;

	@TempDir
	static Path workDir;

	@BeforeAll
	static void findJava17AndCompileTheApplication() throws IOException {
		Optional<Path> found = findJava17();
		if (found.isEmpty()) {
			System.err.println("NOTICE: skipping JavaVersionRequirementTests: no JDK 17 found (set JAVA17_HOME to run "
					+ "them)");
		}
		assumeTrue(found.isPresent(), "no JDK 17");
		java17 = found.get();
		Path source = workDir.resolve("src/probe/ProbeApplication.java");
		Files.createDirectories(source.getParent());
		Files.writeString(source, APPLICATION);
		Path classes = Files.createDirectories(workDir.resolve("classes"));
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		int result = compiler.run(null, null, null, "--release", "17", "-cp", System.getProperty("java.class.path"),
				"-d", classes.toString(), source.toString());
		assertThat(result).as("compiling the probe application for Java 17").isZero();
	}

	@Test
	void bridgeEnabledOnJava17FailsWithOneClearMessage() throws Exception {
		String output = runOnJava17("--bridge.enabled=true");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Blocking Bridge needs Java 21 or newer; this is Java 17.")
			.contains("set 'bridge.enabled' to false")
			.doesNotContain("PROBE STARTED")
			.doesNotContain("UnsupportedClassVersionError");
	}

	@Test
	void bridgeOffOnJava17StartsNormally() throws Exception {
		String output = runOnJava17("--bridge.enabled=false");
		assertThat(output).contains("PROBE STARTED on Java 17").doesNotContain("UnsupportedClassVersionError");
	}

	private static String runOnJava17(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(java17.toString(), "-cp",
				workDir.resolve("classes") + File.pathSeparator + System.getProperty("java.class.path"),
				"probe.ProbeApplication", "--server.port=0", "--spring.main.banner-mode=off"));
		command.addAll(List.of(arguments));
		Path log = Files.createTempFile(workDir, "probe", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(180, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("The probe application did not end within 180s:\n" + Files.readString(log));
		}
		return Files.readString(log);
	}

	private static Optional<Path> findJava17() {
		String home = System.getenv("JAVA17_HOME");
		if (home != null && !home.isBlank()) {
			return java17At(Path.of(home, "bin", "java"));
		}
		Optional<Path> onPath = java17At(Path.of("java"));
		if (onPath.isPresent()) {
			return onPath;
		}
		try (DirectoryStream<Path> jvms = Files.newDirectoryStream(Path.of("/usr/lib/jvm"), "*17*")) {
			for (Path jvm : jvms) {
				Optional<Path> java = java17At(jvm.resolve("bin/java"));
				if (java.isPresent()) {
					return java;
				}
			}
		}
		catch (IOException ex) {
			// no /usr/lib/jvm
		}
		return Optional.empty();
	}

	/** The launcher of the given java's home, if that java is a Java 17. */
	private static Optional<Path> java17At(Path java) {
		try {
			Process process = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
				.redirectErrorStream(true)
				.start();
			String settings = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor(60, TimeUnit.SECONDS);
			Matcher version = Pattern.compile("java\\.specification\\.version = (\\S+)").matcher(settings);
			Matcher javaHome = Pattern.compile("java\\.home = (\\S+)").matcher(settings);
			if (version.find() && "17".equals(version.group(1)) && javaHome.find()) {
				return Optional.of(Path.of(javaHome.group(1), "bin", "java"));
			}
		}
		catch (IOException ex) {
			// not there
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return Optional.empty();
	}

}
