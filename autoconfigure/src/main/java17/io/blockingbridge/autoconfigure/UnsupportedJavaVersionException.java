package io.blockingbridge.autoconfigure;

/**
 * Thrown when {@code bridge.enabled} is true on a Java runtime older than the bridge needs. Compiled
 * for Java 17, to be thrown and analysed there.
 */
class UnsupportedJavaVersionException extends IllegalStateException {

	private final int requiredVersion;

	private final int runningVersion;

	UnsupportedJavaVersionException(int requiredVersion, int runningVersion) {
		super("Blocking Bridge needs Java " + requiredVersion + " or newer; this is Java " + runningVersion + ".");
		this.requiredVersion = requiredVersion;
		this.runningVersion = runningVersion;
	}

	int getRequiredVersion() {
		return this.requiredVersion;
	}

	int getRunningVersion() {
		return this.runningVersion;
	}

}
