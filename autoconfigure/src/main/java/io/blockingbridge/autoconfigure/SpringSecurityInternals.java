package io.blockingbridge.autoconfigure;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import io.blockingbridge.core.BridgeUsageException;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.SpringSecurityCoreVersion;
import org.springframework.util.ClassUtils;

/**
 * The one place the bridge relies on Spring Security's internals: {@link BlockingMethodSecurityPostProcessor}
 * recognizes the method interceptors that {@code @EnableReactiveMethodSecurity} registers by the
 * names of their beans and of the package-private configuration class that declares them.
 * <p>
 * {@link #check(ClassLoader)} runs at start-up, when the post-processor is created: if Spring
 * Security's configuration is on the classpath but that class, its bean name or one of its
 * interceptor bean methods is gone, the application fails to start with a
 * {@link BridgeUsageException} naming the Spring Security version and what to do, instead of
 * leaving method security annotations on blocking methods to fail at their first call.
 */
final class SpringSecurityInternals {

	/** Where {@code @EnableReactiveMethodSecurity} declares its interceptors (package-private). */
	static final String REACTIVE_CONFIGURATION = "org.springframework.security.config.annotation.method."
			+ "configuration.ReactiveAuthorizationManagerMethodSecurityConfiguration";

	/** The bean name of {@link #REACTIVE_CONFIGURATION}. */
	static final String REACTIVE_CONFIGURATION_BEAN = "_reactiveMethodSecurityConfiguration";

	static final String PRE_FILTER = "preFilterAuthorizationMethodInterceptor";

	static final String PRE_AUTHORIZE = "preAuthorizeAuthorizationMethodInterceptor";

	static final String POST_AUTHORIZE = "postAuthorizeAuthorizationMethodInterceptor";

	static final String POST_FILTER = "postFilterAuthorizationMethodInterceptor";

	/** Present with Spring Security's configuration support. */
	private static final String ENABLE_REACTIVE_METHOD_SECURITY = "org.springframework.security.config.annotation."
			+ "method.configuration.EnableReactiveMethodSecurity";

	private SpringSecurityInternals() {
	}

	/**
	 * Verify that this version of Spring Security still declares its reactive method interceptors
	 * as the bridge expects; nothing to verify without Spring Security's configuration support.
	 * @param classLoader the application's class loader
	 * @throws BridgeUsageException if it does not
	 */
	static void check(@Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent(ENABLE_REACTIVE_METHOD_SECURITY, classLoader)) {
			check(REACTIVE_CONFIGURATION, classLoader, SpringSecurityCoreVersion.getVersion());
		}
	}

	/**
	 * Verify the given configuration class; in tests, one that stands for a version of Spring
	 * Security that changed it.
	 * @param configurationClass the name of the class declaring the interceptors
	 * @param classLoader the class loader to load it with
	 * @param securityVersion the Spring Security version to name if it changed
	 * @throws BridgeUsageException if the class, its bean name or an interceptor's bean method is missing
	 */
	static void check(String configurationClass, @Nullable ClassLoader classLoader, @Nullable String securityVersion) {
		if (!ClassUtils.isPresent(configurationClass, classLoader)) {
			throw changed(securityVersion, "its class " + configurationClass + " is missing.");
		}
		Class<?> configuration = ClassUtils.resolveClassName(configurationClass, classLoader);
		Configuration annotation = AnnotatedElementUtils.findMergedAnnotation(configuration, Configuration.class);
		if (annotation == null || !REACTIVE_CONFIGURATION_BEAN.equals(annotation.value())) {
			throw changed(securityVersion, configuration.getSimpleName() + " is no longer the @Configuration bean '"
					+ REACTIVE_CONFIGURATION_BEAN + "'.");
		}
		List<String> missing = new ArrayList<>(List.of(PRE_FILTER, PRE_AUTHORIZE, POST_AUTHORIZE, POST_FILTER));
		for (Method method : configuration.getDeclaredMethods()) {
			if (AnnotatedElementUtils.hasAnnotation(method, Bean.class)) {
				missing.remove(method.getName());
			}
		}
		if (!missing.isEmpty()) {
			throw changed(securityVersion, configuration.getSimpleName() + " declares no @Bean "
					+ String.join(", ", missing) + ".");
		}
	}

	private static BridgeUsageException changed(@Nullable String securityVersion, String what) {
		return new BridgeUsageException("Blocking Bridge cannot make method security annotations work on blocking "
				+ "methods with this version of Spring Security (" + securityVersion + "): the configuration of "
				+ "@EnableReactiveMethodSecurity changed: " + what + " The bridge finds Spring Security's reactive "
				+ "method interceptors by these names to add the imperative ones beside them.",
				"Use a version of Blocking Bridge that supports Spring Security " + securityVersion
						+ ", or switch this support off with 'bridge.security.method-security: false'.");
	}

}
