package io.blockingbridge.autoconfigure;

import io.blockingbridge.core.BridgeUsageException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a start that failed on a {@link BridgeUsageException} (for example a {@code @BlockingStyle}
 * controller while {@code bridge.enabled} is not true) as a description and the action to take,
 * instead of a stack trace: the exception's own action where it names one, else the way to run
 * blocking-style code that every misuse of the bridge at start-up comes down to.
 */
class BridgeUsageFailureAnalyzer extends AbstractFailureAnalyzer<BridgeUsageException> {

	static final String GENERAL_ACTION = "Run blocking-style code on a virtual thread: in a @BlockingStyle method or "
			+ "a BlockingHandlers function with 'bridge.enabled: true', or wrapped in Bridge.spawn(...); never call "
			+ "Bridge.await on an event-loop thread.";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BridgeUsageException cause) {
		String message = String.valueOf(cause.getMessage());
		String action = cause.getAction();
		if (action == null) {
			return new FailureAnalysis(message, GENERAL_ACTION, cause);
		}
		String description = message.endsWith("\n" + action)
				? message.substring(0, message.length() - action.length() - 1) : message;
		return new FailureAnalysis(description, action, cause);
	}

}
