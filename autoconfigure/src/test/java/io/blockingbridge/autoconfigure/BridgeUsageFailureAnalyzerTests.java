package io.blockingbridge.autoconfigure;

import java.util.concurrent.atomic.AtomicReference;

import io.blockingbridge.core.BridgeUsageException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BridgeUsageFailureAnalyzer}: a start that failed on a misuse of the bridge is reported as
 * what is wrong and what to do.
 */
class BridgeUsageFailureAnalyzerTests {

	@Test
	void startWithABlockingStyleControllerAndTheBridgeOffIsDescribedWithTheAction() {
		Throwable failure = startFailure();
		FailureAnalysis analysis = new BridgeUsageFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("PlainBlockingStyleController#hello()")
			.doesNotContain("Set the property");
		assertThat(analysis.getAction())
			.isEqualTo("Set the property 'bridge.enabled' to true to run @BlockingStyle controllers, "
					+ "or remove @BlockingStyle.");
		assertThat(analysis.getCause()).isInstanceOf(BridgeUsageException.class);
	}

	@Test
	void misuseWithoutAnActionOfItsOwnGetsTheWayToRunBlockingStyleCode() {
		FailureAnalysis analysis = new BridgeUsageFailureAnalyzer()
			.analyze(new IllegalStateException("start failed", new BridgeUsageException("Bridge.await on 'loop-1'")));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo("Bridge.await on 'loop-1'");
		assertThat(analysis.getAction()).contains("@BlockingStyle", "'bridge.enabled: true'", "Bridge.spawn");
	}

	@Test
	void otherFailuresAreLeftToOtherAnalyzers() {
		assertThat(new BridgeUsageFailureAnalyzer().analyze(new IllegalStateException("unrelated"))).isNull();
	}

	@Test
	void isRegisteredForSpringBootToFind() {
		// Analyzers that need a bean factory or an environment cannot be made here: not ours
		FailureHandler skipThem = FailureHandler.handleMessage((message, failure) -> {
		});
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class, skipThem))
			.hasAtLeastOneElementOfType(BridgeUsageFailureAnalyzer.class);
	}

	private static Throwable startFailure() {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebFluxAutoConfiguration.class,
					BridgeAutoConfiguration.class, BlockingStyleWebFluxAutoConfiguration.class))
			.withUserConfiguration(BlockingStyleWebFluxAutoConfigurationTests.PlainBlockingStyleController.class)
			.run((context) -> failure.set(context.getStartupFailure()));
		assertThat(failure.get()).isNotNull();
		return failure.get();
	}

}
