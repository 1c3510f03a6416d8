package io.blockingbridge.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a start that {@code bridge.enabled: true} stopped on a Java runtime older than the bridge
 * needs as one clear message and the two ways out, instead of a stack trace. Compiled for Java 17,
 * to run there.
 */
class UnsupportedJavaVersionFailureAnalyzer extends AbstractFailureAnalyzer<UnsupportedJavaVersionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedJavaVersionException cause) {
		String description = cause.getMessage() + " It runs blocking-style code on virtual threads, which Java "
				+ cause.getRequiredVersion() + " introduced, and the property 'bridge.enabled' is true.";
		String action = "Run the application on Java " + cause.getRequiredVersion()
				+ " or newer (set the JDK of its build and runtime, e.g. <java.version>"
				+ cause.getRequiredVersion() + "</java.version>), or set 'bridge.enabled' to false to start "
				+ "without the bridge on Java " + cause.getRunningVersion() + ".";
		return new FailureAnalysis(description, action, cause);
	}

}
