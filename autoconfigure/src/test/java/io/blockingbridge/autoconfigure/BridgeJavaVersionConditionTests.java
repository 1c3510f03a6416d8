package io.blockingbridge.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * {@link BridgeJavaVersionCondition} and {@link UnsupportedJavaVersionFailureAnalyzer} on a pretended
 * Java version ({@link JavaVersionRequirementTests} runs them on a real Java 17), and the guard on
 * every auto-configuration.
 */
class BridgeJavaVersionConditionTests {

	@Test
	void java21MatchesWhateverTheProperty() {
		assertThat(outcome(21, "true").isMatch()).isTrue();
		assertThat(outcome(25, null).isMatch()).isTrue();
	}

	@Test
	void java17WithTheBridgeOffDoesNotMatch() {
		ConditionOutcome outcome = outcome(17, null);
		assertThat(outcome.isMatch()).isFalse();
		assertThat(outcome.getMessage()).contains("Java 17");
		assertThat(outcome(17, "false").isMatch()).isFalse();
	}

	@Test
	void java17WithTheBridgeOnStopsTheStartWithTheAnalysedMessage() {
		UnsupportedJavaVersionException failure = assertThatExceptionOfType(UnsupportedJavaVersionException.class)
			.isThrownBy(() -> outcome(17, "true"))
			.withMessage("Blocking Bridge needs Java 21 or newer; this is Java 17.")
			.actual();
		FailureAnalysis analysis = new UnsupportedJavaVersionFailureAnalyzer()
			.analyze(new IllegalStateException("Error processing condition", failure));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).startsWith("Blocking Bridge needs Java 21 or newer; this is Java 17.");
		assertThat(analysis.getAction()).contains("Java 21 or newer").contains("set 'bridge.enabled' to false");
	}

	@Test
	void everyAutoConfigurationIsGuarded() throws IOException {
		for (String name : autoConfigurations()) {
			Class<?> type = ClassLoaderHolder.load(name);
			assertThat(AnnotatedElementUtils.findAllMergedAnnotations(type, Conditional.class))
				.as(name + " is guarded by BridgeJavaVersionCondition")
				.anySatisfy((conditional) -> assertThat(conditional.value()).contains(BridgeJavaVersionCondition.class));
		}
	}

	private static List<String> autoConfigurations() throws IOException {
		try (InputStream imports = BridgeJavaVersionConditionTests.class.getResourceAsStream(
				"/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
			assertThat(imports).isNotNull();
			return new String(imports.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::trim)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
		}
	}

	private static ConditionOutcome outcome(int javaVersion, String bridgeEnabled) {
		MockEnvironment environment = new MockEnvironment();
		if (bridgeEnabled != null) {
			environment.setProperty("bridge.enabled", bridgeEnabled);
		}
		ConditionContext context = mock(ConditionContext.class);
		given(context.getEnvironment()).willReturn(environment);
		return new BridgeJavaVersionCondition(javaVersion).getMatchOutcome(context, mock(AnnotatedTypeMetadata.class));
	}

	private static final class ClassLoaderHolder {

		static Class<?> load(String name) {
			try {
				return Class.forName(name, false, BridgeJavaVersionConditionTests.class.getClassLoader());
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
