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
			.contains("Set the property 'bridge.enabled' to true");
		assertThat(analysis.getAction()).contains("'bridge.*' properties");
		assertThat(analysis.getCause()).isInstanceOf(BridgeUsageException.class);
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
