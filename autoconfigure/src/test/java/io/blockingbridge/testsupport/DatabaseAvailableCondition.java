package io.blockingbridge.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Evaluates {@link RequiresDatabase}: probes the server's port once per run.
 */
final class DatabaseAvailableCondition implements ExecutionCondition {

	private static final Map<TestDatabase, Boolean> REACHABLE = new ConcurrentHashMap<>();

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		RequiresDatabase required = context.getElement()
			.map((element) -> AnnotatedElementUtils.findMergedAnnotation(element, RequiresDatabase.class))
			.orElse(null);
		if (required == null) {
			return ConditionEvaluationResult.enabled("no database required");
		}
		TestDatabase database = required.value();
		if (REACHABLE.computeIfAbsent(database, DatabaseAvailableCondition::probe)) {
			return ConditionEvaluationResult.enabled(database.displayName() + " is reachable");
		}
		String notice = database.displayName() + " is not reachable at " + database.host() + ":" + database.port();
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(notice + ", but CI must run the tests against it");
		}
		System.err.println("NOTICE: skipping " + context.getDisplayName() + ": " + notice
				+ " (start it to run these tests; see README)");
		return ConditionEvaluationResult.disabled(notice);
	}

	private static boolean probe(TestDatabase database) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(database.host(), database.port()), 2000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
