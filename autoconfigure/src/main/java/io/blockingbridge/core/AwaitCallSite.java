package io.blockingbridge.core;

/**
 * Records where blocking code awaited a publisher that failed, or joined a fork that failed. Added
 * as a suppressed exception to the publisher's or fork's own error, so that its stack trace shows the
 * blocking caller's frames as well as the reactive ones (or the fork's).
 */
final class AwaitCallSite extends Exception {

	private static final String AWAITED = "Awaited by blocking code on thread '";

	private static final String JOINED = "Joined by blocking code on thread '";

	private AwaitCallSite(String message) {
		super(message);
	}

	/**
	 * Prepare the given error to be thrown to a blocking caller: unchecked exceptions and errors as
	 * they are, checked ones wrapped in {@link BridgeCheckedException}.
	 * @param error what the publisher signalled
	 * @return the exception to throw
	 */
	static RuntimeException rethrow(Throwable error) {
		return rethrow(error, AWAITED);
	}

	/**
	 * Prepare the given failure of a fork to be thrown by {@link BridgeTasks#join()}, like
	 * {@link #rethrow(Throwable)}; the entry it adds names the joining thread, next to the one an
	 * await inside the fork may have added.
	 * @param error what the fork threw
	 * @return the exception to throw
	 */
	static RuntimeException rethrowJoined(Throwable error) {
		return rethrow(error, JOINED);
	}

	private static RuntimeException rethrow(Throwable error, String kind) {
		if (error instanceof Error fatal) {
			attachTo(fatal, kind);
			throw fatal;
		}
		if (error instanceof RuntimeException unchecked) {
			attachTo(unchecked, kind);
			return unchecked;
		}
		return new BridgeCheckedException((Exception) error);
	}

	private static void attachTo(Throwable error, String kind) {
		for (Throwable suppressed : error.getSuppressed()) {
			if (suppressed instanceof AwaitCallSite site && site.getMessage() != null
					&& site.getMessage().startsWith(kind)) {
				return; // a shared error instance must not grow with every await
			}
		}
		error.addSuppressed(new AwaitCallSite(kind + Thread.currentThread().getName() + "'"));
	}

}
