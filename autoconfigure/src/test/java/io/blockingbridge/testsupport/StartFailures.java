package io.blockingbridge.testsupport;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * What Spring Boot reports for a start that failed on a given exception: the analysis of the first
 * {@link FailureAnalyzer} registered in {@code META-INF/spring.factories} that knows it.
 */
public final class StartFailures {

	private StartFailures() {
	}

	/**
	 * Analyze a start that failed while creating a bean on the given exception.
	 * @param failure the exception a bean threw
	 * @return the analysis, or {@code null} if no analyzer knows it
	 */
	public static FailureAnalysis analysisOf(Throwable failure) {
		// Analyzers that need a bean factory or an environment cannot be made here: not the bridge's
		FailureHandler skipThem = FailureHandler.handleMessage((message, ex) -> {
		});
		Throwable startFailure = new BeanCreationException("bridgeBean", "Bean creation failed", failure);
		for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, skipThem)) {
			FailureAnalysis analysis = analyzer.analyze(startFailure);
			if (analysis != null) {
				return analysis;
			}
		}
		return null;
	}

}
