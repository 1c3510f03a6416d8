package io.blockingbridge.autoconfigure;

import io.blockingbridge.core.BridgeUsageException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a start that failed on a {@link BridgeUsageException} (for example a {@code @BlockingStyle}
 * controller while {@code bridge.enabled} is not true) as a description and the action to take,
 * instead of a stack trace.
 */
class BridgeUsageFailureAnalyzer extends AbstractFailureAnalyzer<BridgeUsageException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BridgeUsageException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Follow the advice above. See the Blocking Bridge README for the 'bridge.*' properties.", cause);
	}

}
