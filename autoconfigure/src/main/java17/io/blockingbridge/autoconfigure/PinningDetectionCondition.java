package io.blockingbridge.autoconfigure;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Matches when {@code bridge.pinning.detect} is true, or when it is unset and the application has a
 * {@code MeterRegistry} bean, so that detection comes with actuator metrics and can be switched
 * either way explicitly.
 * <p>
 * Compiled for Java 17 (it lives in {@code src/main/java17}): Spring instantiates every condition of
 * a configuration class before evaluating the first, so this one is loaded on Java 17 too, before
 * {@link BridgeJavaVersionCondition} has said no.
 */
class PinningDetectionCondition extends SpringBootCondition implements ConfigurationCondition {

	static final String PROPERTY = "bridge.pinning.detect";

	private static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String detect = context.getEnvironment().getProperty(PROPERTY);
		if (detect != null && !detect.isBlank()) {
			boolean on = Boolean.parseBoolean(detect.trim());
			return new ConditionOutcome(on, PROPERTY + " is " + detect.trim());
		}
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		if (beanFactory == null || !ClassUtils.isPresent(METER_REGISTRY, context.getClassLoader())) {
			return ConditionOutcome.noMatch(PROPERTY + " is unset and Micrometer is not on the class path");
		}
		Class<?> meterRegistry = ClassUtils.resolveClassName(METER_REGISTRY, context.getClassLoader());
		if (beanFactory.getBeanNamesForType(meterRegistry, true, false).length == 0) {
			return ConditionOutcome.noMatch(PROPERTY + " is unset and there is no MeterRegistry bean");
		}
		return ConditionOutcome.match(PROPERTY + " is unset and there is a MeterRegistry bean");
	}

}
