package io.blockingbridge.core;

/**
 * Records where blocking code awaited a publisher that failed. Added as a suppressed exception to the
 * publisher's own error, so that its stack trace shows the blocking caller's frames as well as the
 * reactive ones.
 */
final class AwaitCallSite extends Exception {

	private AwaitCallSite(String threadName) {
		super("Awaited by blocking code on thread '" + threadName + "'");
	}

	/**
	 * Prepare the given error to be thrown to a blocking caller: unchecked exceptions and errors as
	 * they are, checked ones wrapped in {@link BridgeCheckedException}.
	 * @param error what the publisher signalled
	 * @return the exception to throw
	 */
	static RuntimeException rethrow(Throwable error) {
		if (error instanceof Error fatal) {
			attachTo(fatal);
			throw fatal;
		}
		if (error instanceof RuntimeException unchecked) {
			attachTo(unchecked);
			return unchecked;
		}
		return new BridgeCheckedException((Exception) error);
	}

	private static void attachTo(Throwable error) {
		for (Throwable suppressed : error.getSuppressed()) {
			if (suppressed instanceof AwaitCallSite) {
				return; // a shared error instance must not grow with every await
			}
		}
		error.addSuppressed(new AwaitCallSite(Thread.currentThread().getName()));
	}

}
