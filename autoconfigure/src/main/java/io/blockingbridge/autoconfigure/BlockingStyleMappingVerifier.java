package io.blockingbridge.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.blockingbridge.core.BridgeUsageException;
import io.blockingbridge.web.BlockingStyle;
import io.blockingbridge.web.BlockingStyleMethods;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.KotlinDetector;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Checks the application's controller methods once all beans exist and stops the start with a
 * {@link BridgeUsageException} naming the methods if {@link BlockingStyle} cannot work for them: a
 * blocking-style method with a reactive return type or a Kotlin suspend function, or any blocking-style method while the bridge is
 * switched off.
 */
final class BlockingStyleMappingVerifier implements SmartInitializingSingleton {

	private final ObjectProvider<RequestMappingHandlerMapping> mappings;

	private final ObjectProvider<BlockingStyleMethods> blockingStyleMethods;

	/**
	 * Create a verifier.
	 * @param mappings the application's request mappings
	 * @param blockingStyleMethods which methods run in blocking style; none while the bridge is off
	 */
	BlockingStyleMappingVerifier(ObjectProvider<RequestMappingHandlerMapping> mappings,
			ObjectProvider<BlockingStyleMethods> blockingStyleMethods) {
		this.mappings = mappings;
		this.blockingStyleMethods = blockingStyleMethods;
	}

	@Override
	public void afterSingletonsInstantiated() {
		BlockingStyleMethods methods = this.blockingStyleMethods.getIfAvailable();
		List<String> problems = new ArrayList<>();
		this.mappings.orderedStream()
			.flatMap((mapping) -> mapping.getHandlerMethods().values().stream())
			.distinct()
			.filter(BlockingStyleMethods::isAnnotated)
			.forEach((handlerMethod) -> check(handlerMethod, methods, problems));
		if (problems.isEmpty()) {
			return;
		}
		String advice = (methods != null)
				? "Return a plain (non-reactive) type from these methods, make them plain (not suspend) functions, "
						+ "or remove @BlockingStyle from them."
				: "Set the property 'bridge.enabled' to true to run @BlockingStyle controllers, "
						+ "or remove @BlockingStyle.";
		throw new BridgeUsageException("@BlockingStyle cannot be applied:\n  - " + String.join("\n  - ", problems),
				advice);
	}

	private void check(HandlerMethod handlerMethod, @Nullable BlockingStyleMethods methods, List<String> problems) {
		if (methods == null) {
			problems.add(handlerMethod + " is @BlockingStyle but the bridge is off ('bridge.enabled' is not true)");
		}
		else if (KotlinDetector.isKotlinPresent() && KotlinDetector.isSuspendingFunction(handlerMethod.getMethod())) {
			problems.add(handlerMethod + " is @BlockingStyle but is a Kotlin suspend function");
		}
		else if (methods.isReactive(handlerMethod)) {
			problems.add(handlerMethod + " is @BlockingStyle but returns the reactive type "
					+ handlerMethod.getReturnType().getParameterType().getSimpleName());
		}
	}

}
