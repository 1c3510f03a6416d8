package io.blockingbridge.web;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Finds the application's own frame in a stack trace: the first one outside of the bridge, Reactor,
 * Spring, the JDK and generated proxies.
 */
final class UserFrames {

	private static final Set<String> BRIDGE_PACKAGES = Set.of("io.blockingbridge.core", "io.blockingbridge.web",
			"io.blockingbridge.http", "io.blockingbridge.r2dbc", "io.blockingbridge.data",
			"io.blockingbridge.transaction", "io.blockingbridge.security", "io.blockingbridge.autoconfigure");

	private static final String[] FOREIGN_PREFIXES = { "java.", "javax.", "jdk.", "sun.", "com.sun.", "reactor.",
			"org.springframework.", "io.micrometer.", "io.netty.", "io.r2dbc.", "kotlin.", "kotlinx." };

	private UserFrames() {
	}

	static @Nullable String firstOf(StackTraceElement[] frames) {
		for (StackTraceElement frame : frames) {
			if (isUsers(frame.getClassName())) {
				return frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
						+ frame.getLineNumber() + ")";
			}
		}
		return null;
	}

	static boolean isUsers(String className) {
		for (String prefix : FOREIGN_PREFIXES) {
			if (className.startsWith(prefix)) {
				return false;
			}
		}
		if (className.contains("$$SpringCGLIB$$") || className.contains("$Proxy")) {
			return false;
		}
		int lastDot = className.lastIndexOf('.');
		return lastDot < 0 || !BRIDGE_PACKAGES.contains(className.substring(0, lastDot));
	}

}
