import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Ahead-of-time processing of the sample, run by the build (exec-maven-plugin) on the toolchain's JDK as a
 * source-file program: {@code java -cp <runtime classpath> ProcessAot.java <main class> <aot dir> <classes dir>
 * <release> <groupId> <artifactId>}.
 * <p>
 * It does what spring-boot-maven-plugin's {@code process-aot} goal does: Spring Boot's
 * {@code SpringApplicationAotProcessor} generates sources, resources (hints for a native image) and classes,
 * the sources are compiled against the runtime classpath, and everything lands in the classes directory, so the
 * packaged jar starts with {@code -Dspring.aot.enabled=true}. The goal itself compiles with the JDK that Maven
 * runs on, which fails when that is older than the project's release ("release version 21 not supported");
 * this program compiles with the JDK it runs on, the toolchain's.
 */
public final class ProcessAot {

	public static void main(String[] args) throws Exception {
		if (args.length < 6) {
			throw new IllegalArgumentException(
					"Usage: ProcessAot <main class> <aot dir> <classes dir> <release> <groupId> <artifactId>");
		}
		String mainClass = args[0];
		Path aot = Path.of(args[1]);
		Path classes = Path.of(args[2]);
		String release = args[3];
		Path sources = aot.resolve("sources");
		Path resources = aot.resolve("resources");
		Path generatedClasses = aot.resolve("classes");
		deleteRecursively(aot);
		Class.forName("org.springframework.boot.SpringApplicationAotProcessor")
			.getMethod("main", String[].class)
			.invoke(null, (Object) new String[] { mainClass, sources.toString(), resources.toString(),
					generatedClasses.toString(), args[4], args[5] });
		compile(sources, classes, release);
		copy(resources, classes);
		copy(generatedClasses, classes);
		// The processor refreshed the application context for AOT: do not wait for threads it may have left.
		System.exit(0);
	}

	private static void compile(Path sources, Path classes, String release) throws IOException {
		List<String> files = files(sources).stream().filter((file) -> file.toString().endsWith(".java"))
			.map(Path::toString).toList();
		if (files.isEmpty()) {
			return;
		}
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		if (compiler == null) {
			throw new IllegalStateException("No Java compiler in " + System.getProperty("java.home")
					+ ": run the build with a JDK 21+ toolchain, not a JRE");
		}
		Stream<String> options = Stream.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
				"--release", release, "-parameters", "-proc:none", "-nowarn");
		int status = compiler.run(null, null, null,
				Stream.concat(options, files.stream()).toArray(String[]::new));
		if (status != 0) {
			throw new IllegalStateException("Compiling the AOT-generated sources in " + sources + " failed");
		}
	}

	private static void copy(Path from, Path to) throws IOException {
		for (Path file : files(from)) {
			Path target = to.resolve(from.relativize(file).toString());
			Files.createDirectories(target.getParent());
			Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static List<Path> files(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> walk = Files.walk(dir)) {
			return walk.filter(Files::isRegularFile).toList();
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(dir)) {
			walk.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.delete(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

}
