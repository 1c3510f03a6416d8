package io.blockingbridge.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BridgePinningAutoConfiguration} in a JVM without the Flight Recorder
 * ({@code -XX:-FlightRecorder}, run as a separate process): it says so once at INFO level and
 * the application starts and stops normally.
 */
class PinningWithoutFlightRecorderTests {

	@Test
	void logsOnceAtInfoAndDoesNothing() throws Exception {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process process = new ProcessBuilder(List.of(java.toString(), "-XX:-FlightRecorder", "-cp",
				System.getProperty("java.class.path"), Main.class.getName()))
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the process ends").isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("INFO", "Pinned virtual threads are not detected: the JDK Flight Recorder is "
				+ "not available in this JVM", "Set 'bridge.pinning.detect: false' to silence this message.");
		assertThat(output.split("Pinned virtual threads are not detected", -1)).hasSize(2);
		assertThat(output).contains("detector running, no monitor").doesNotContain("Exception");
	}

	/**
	 * Starts an application context with pinning detection switched on.
	 */
	public static final class Main {

		public static void main(String[] args) throws IOException {
			new ApplicationContextRunner()
				.withConfiguration(
						AutoConfigurations.of(BridgeAutoConfiguration.class, BridgePinningAutoConfiguration.class))
				.withPropertyValues("bridge.enabled=true", "bridge.pinning.detect=true")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					PinningDetector detector = context.getBean(PinningDetector.class);
					if (detector.isRunning() && detector.monitor() == null) {
						System.out.println("detector running, no monitor");
					}
				});
		}

	}

}
