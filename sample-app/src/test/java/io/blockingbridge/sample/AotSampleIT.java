package io.blockingbridge.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The packaged sample, processed ahead of time by the build (src/aot/ProcessAot.java), starts from its
 * generated bean definitions ({@code -Dspring.aot.enabled=true}, as a native image would) in a JVM of
 * its own, and a customer places an order that the kitchen accepts. Run by failsafe after
 * {@code package}.
 */
class AotSampleIT {

	private static final Pattern PORT = Pattern.compile("Netty started on port (\\d+)");

	private static final Duration STARTUP = Duration.ofMinutes(3);

	@Test
	void aotProcessedSampleStartsAndTakesAnOrder() throws Exception {
		Path jar = Path.of(System.getProperty("aot.sample.jar", "target/blocking-bridge-sample-app.jar"));
		assertThat(jar).as("the packaged sample (run with mvn verify)").exists();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-Dspring.aot.enabled=true", "-jar", jar.toString(),
				"--server.port=0", "--spring.r2dbc.url=r2dbc:h2:mem:///aot_sample;DB_CLOSE_DELAY=-1;CASE_INSENSITIVE_IDENTIFIERS=TRUE")
			.redirectErrorStream(true)
			.start();
		List<String> output = new CopyOnWriteArrayList<>();
		CompletableFuture<Integer> port = new CompletableFuture<>();
		Thread reader = Thread.ofPlatform().daemon().start(() -> read(process, output, port));
		try {
			int serverPort = awaitPort(process, port, output);
			assertThat(output).as("started from the AOT-generated code")
				.anySatisfy((line) -> assertThat(line).contains("Starting AOT-processed SampleApplication"));
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
			HttpResponse<String> placed = client.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + serverPort + "/orders"))
				.header("Authorization", basic("ada", "ada-password"))
				.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(60))
				.POST(HttpRequest.BodyPublishers.ofString("{\"items\": [\"margherita\", \"tiramisu\"]}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
			assertThat(placed.body()).contains("\"mins\":25");
			String location = placed.headers().firstValue("Location").orElseThrow();
			HttpResponse<String> order = client.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + serverPort + location))
				.header("Authorization", basic("ada", "ada-password"))
				.timeout(Duration.ofSeconds(60))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(order.statusCode()).as(order.body()).isEqualTo(200);
			assertThat(order.body()).contains("\"customer\":\"ada\"", "\"status\":\"ACCEPTED\"",
					"\"deliveryMinutes\":25");
		}
		catch (AssertionError | Exception ex) {
			Files.write(Path.of("target", "aot-sample.log"), output, StandardCharsets.UTF_8);
			throw ex;
		}
		finally {
			process.destroy();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
			reader.join(Duration.ofSeconds(10));
		}
	}

	private static int awaitPort(Process process, CompletableFuture<Integer> port, List<String> output)
			throws Exception {
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline) {
			if (port.isDone()) {
				return port.get();
			}
			if (!process.isAlive()) {
				Thread.sleep(500);
				fail("The AOT-processed sample stopped with exit code " + process.exitValue() + ":\n"
						+ String.join("\n", tail(output)));
			}
			Thread.sleep(100);
		}
		return fail("The AOT-processed sample did not start within " + STARTUP + ":\n" + String.join("\n", tail(output)));
	}

	private static List<String> tail(List<String> output) {
		return output.subList(Math.max(0, output.size() - 60), output.size());
	}

	private static void read(Process process, List<String> output, CompletableFuture<Integer> port) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				output.add(line);
				Matcher matcher = PORT.matcher(line);
				if (matcher.find()) {
					port.complete(Integer.parseInt(matcher.group(1)));
				}
			}
		}
		catch (IOException ex) {
			port.completeExceptionally(ex);
		}
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
