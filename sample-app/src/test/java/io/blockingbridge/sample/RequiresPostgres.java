package io.blockingbridge.sample;

import java.io.IOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the annotated test class only if PostgreSQL answers at 127.0.0.1:5432 (the {@code postgres}
 * profile's database). Otherwise the class is skipped with a notice on standard error, except under
 * CI ({@code CI=true}), where it fails.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RequiresPostgres.Reachable.class)
@interface RequiresPostgres {

	/**
	 * Evaluates {@link RequiresPostgres} by opening a socket to the server's port.
	 */
	final class Reachable implements ExecutionCondition {

		private static final String HOST = "127.0.0.1";

		private static final int PORT = 5432;

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(HOST, PORT), 2000);
				return ConditionEvaluationResult.enabled("PostgreSQL is reachable");
			}
			catch (IOException ex) {
				String notice = "PostgreSQL is not reachable at " + HOST + ":" + PORT;
				if ("true".equalsIgnoreCase(System.getenv("CI"))) {
					throw new IllegalStateException(notice + ", but CI must run the tests against it");
				}
				System.err.println("NOTICE: skipping " + context.getDisplayName() + ": " + notice
						+ " (start it to run these tests; see README)");
				return ConditionEvaluationResult.disabled(notice);
			}
		}

	}

}
