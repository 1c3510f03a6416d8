package io.blockingbridge.sample.browser;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the annotated test class only if headless Chromium and its driver are installed
 * ({@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, Debian's {@code chromium} and
 * {@code chromium-driver} packages; other places with {@code CHROMIUM} and {@code CHROMEDRIVER}).
 * Otherwise the class is skipped with a notice on standard error, except under CI
 * ({@code CI=true}, where {@code .ci/run} installs them), where it fails.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RequiresChromium.Installed.class)
@interface RequiresChromium {

	/**
	 * Evaluates {@link RequiresChromium} by looking for the executables.
	 */
	final class Installed implements ExecutionCondition {

		/** The Chromium executable. */
		static Path browser() {
			return Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
		}

		/** The ChromeDriver executable. */
		static Path driver() {
			return Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
		}

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (Files.isExecutable(browser()) && Files.isExecutable(driver())) {
				return ConditionEvaluationResult.enabled("Chromium is installed");
			}
			String notice = "Chromium or ChromeDriver is not installed (" + browser() + ", " + driver() + ")";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(notice + ", but CI must run the browser tests (.ci/run installs them)");
			}
			System.err.println("NOTICE: skipping " + context.getDisplayName() + ": " + notice
					+ " (apt-get install chromium chromium-driver to run these tests)");
			return ConditionEvaluationResult.disabled(notice);
		}

	}

}
