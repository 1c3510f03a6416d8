package io.blockingbridge.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Guards every auto-configuration of Blocking Bridge against a Java runtime older than 21, which
 * cannot load the bridge's classes: on Java 21 or newer it matches; on an older Java it does not
 * match while {@code bridge.enabled} is not true (the starter stays inert and the application
 * starts), and stops the start with an {@link UnsupportedJavaVersionException} when it is.
 * <p>
 * Compiled for Java 17 (from {@code src/main/java17}), like the exception and its failure analyzer,
 * so that Spring Boot can evaluate it on Spring Boot's own baseline; evaluated before any other
 * condition of the class it guards, so that no class compiled for Java 21 is touched first.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class BridgeJavaVersionCondition extends SpringBootCondition {

	/** The oldest Java feature release the bridge runs on. */
	static final int REQUIRED_JAVA = 21;

	private final int javaVersion;

	BridgeJavaVersionCondition() {
		this(Runtime.version().feature());
	}

	BridgeJavaVersionCondition(int javaVersion) {
		this.javaVersion = javaVersion;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		if (this.javaVersion >= REQUIRED_JAVA) {
			return ConditionOutcome.match("Java " + this.javaVersion + " runs Blocking Bridge");
		}
		if (context.getEnvironment().getProperty("bridge.enabled", Boolean.class, false)) {
			throw new UnsupportedJavaVersionException(REQUIRED_JAVA, this.javaVersion);
		}
		return ConditionOutcome.noMatch("Java " + this.javaVersion + " cannot run Blocking Bridge (it needs Java "
				+ REQUIRED_JAVA + "), and 'bridge.enabled' is not true");
	}

}
