package io.blockingbridge.autoconfigure;

import java.time.Duration;

import io.blockingbridge.pinning.PinningMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BridgePinningAutoConfiguration}: when detection is on, and what it does with a real
 * pinning (a virtual thread blocking in a class initializer, which pins on every JDK).
 */
@ExtendWith(OutputCaptureExtension.class)
class BridgePinningAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BridgeAutoConfiguration.class, BridgePinningAutoConfiguration.class))
		.withPropertyValues("bridge.enabled=true");

	@Test
	void onWithAMeterRegistry(CapturedOutput output) {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasSingleBean(PinningDetector.class).hasSingleBean(PinnedThreadCounter.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(PinnedThreadCounter.NAME).counter().count()).isZero();
			pinAndSync(context, FirstInitializer::touch);
			assertThat(registry.get(PinnedThreadCounter.NAME).counter().count()).isEqualTo(1);
			assertThat(output).contains("WARN", "A virtual thread was pinned to its carrier thread",
					FirstInitializer.class.getName() + ".<clinit>", "static initializers");
		});
	}

	@Test
	void offByPropertyEvenWithAMeterRegistry() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("bridge.pinning.detect=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PinningDetector.class)
				.doesNotHaveBean(PinnedThreadCounter.class));
	}

	@Test
	void offWithoutAMeterRegistryUnlessSwitchedOn() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(PinningDetector.class));
	}

	@Test
	void offWhenTheBridgeIsOff() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BridgeAutoConfiguration.class, BridgePinningAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("bridge.pinning.detect=true")
			.run((context) -> assertThat(context).doesNotHaveBean(PinningDetector.class));
	}

	@Test
	void onByPropertyWithoutAMeterRegistryStillLogs(CapturedOutput output) {
		this.runner.withPropertyValues("bridge.pinning.detect=true").run((context) -> {
			assertThat(context).hasSingleBean(PinningDetector.class).doesNotHaveBean(PinnedThreadCounter.class);
			pinAndSync(context, SecondInitializer::touch);
			assertThat(output).contains("A virtual thread was pinned to its carrier thread",
					SecondInitializer.class.getName() + ".<clinit>");
		});
	}

	@Test
	void onByPropertyWithoutMicrometerOnTheClassPath(CapturedOutput output) {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withPropertyValues("bridge.pinning.detect=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(PinningDetector.class).doesNotHaveBean(PinnedThreadCounter.class);
				pinAndSync(context, ThirdInitializer::touch);
				assertThat(output).contains(ThirdInitializer.class.getName() + ".<clinit>");
			});
	}

	@Test
	void offByDefaultWithoutMicrometerOnTheClassPath() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(PinningDetector.class));
	}

	@Test
	void theThresholdIsConfigurable(CapturedOutput output) {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("bridge.pinning.threshold=20s")
			.run((context) -> {
				pinAndSync(context, FourthInitializer::touch);
				assertThat(context.getBean(MeterRegistry.class).get(PinnedThreadCounter.NAME).counter().count())
					.isZero();
				assertThat(output).doesNotContain(FourthInitializer.class.getName());
			});
	}

	@Test
	void theStreamRunsWithTheContextAndIsClosedWithIt() {
		PinningDetector[] detector = new PinningDetector[1];
		PinningMonitor[] monitor = new PinningMonitor[1];
		this.runner.withPropertyValues("bridge.pinning.detect=true").run((context) -> {
			detector[0] = context.getBean(PinningDetector.class);
			monitor[0] = detector[0].monitor();
			assertThat(detector[0].isRunning()).isTrue();
			assertThat(monitor[0]).isNotNull();
			assertThat(monitor[0].sync(WAIT)).isTrue();
		});
		assertThat(detector[0].isRunning()).isFalse();
		assertThat(detector[0].monitor()).isNull();
		assertThat(monitor[0].sync(Duration.ofSeconds(2))).as("the stream is closed").isFalse();
	}

	@Test
	void propertiesAreBoundWithTheirDefaults() {
		this.runner.run((context) -> {
			BridgeProperties.Pinning pinning = context.getBean(BridgeProperties.class).pinning();
			assertThat(pinning.detect()).isNull();
			assertThat(pinning.threshold()).isEqualTo(Duration.ofMillis(20));
			assertThat(pinning.logInterval()).isEqualTo(Duration.ofMinutes(1));
		});
	}

	private static void pinAndSync(AssertableApplicationContext context, Runnable pinningCode) throws Exception {
		Thread.ofVirtual().start(pinningCode).join();
		PinningMonitor monitor = context.getBean(PinningDetector.class).monitor();
		assertThat(monitor).isNotNull();
		assertThat(monitor.sync(WAIT)).as("pinnings delivered").isTrue();
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static final class FirstInitializer {

		static {
			sleep(200);
		}

		static void touch() {
		}

	}

	static final class SecondInitializer {

		static {
			sleep(200);
		}

		static void touch() {
		}

	}

	static final class ThirdInitializer {

		static {
			sleep(200);
		}

		static void touch() {
		}

	}

	static final class FourthInitializer {

		static {
			sleep(200);
		}

		static void touch() {
		}

	}

}
