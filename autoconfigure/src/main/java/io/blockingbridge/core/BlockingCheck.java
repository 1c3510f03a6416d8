package io.blockingbridge.core;

import reactor.core.scheduler.Schedulers;

/**
 * The check every blocking entry point of the bridge passes before it blocks ({@link Bridge#await},
 * {@link Bridge#awaitUninterruptibly}, {@link Bridge#stream}, {@link Bridge#concurrently()},
 * {@link Bridge#all}, and with them the blocking clients, repositories and transactions built on
 * them): on a thread that must never block it throws a {@link BridgeUsageException}.
 * <p>
 * It is also the public hook for tools that detect blocking calls on threads that must never block:
 * such a tool marks {@link #beforeBlocking(String)} as a blocking method, and then reports every
 * blocking entry point of the bridge called on such a thread, before the bridge refuses it.
 * {@link BridgeBlockHoundIntegration} does that for BlockHound, which loads it by itself. Code that
 * builds a blocking API of its own on the bridge can call {@link #beforeBlocking(String)} too.
 * <p>
 * This class declares that one method only, so that integrations find it without naming it: see
 * {@link BridgeBlockHoundIntegration#blockingEntryPoint()}.
 */
public final class BlockingCheck {

	private BlockingCheck() {
	}

	/**
	 * Check that the current thread may block before a blocking operation.
	 * @param operation the operation about to block, for the message, such as {@code "Bridge.await"}
	 * @throws BridgeUsageException on a thread that must never block (a Reactor Netty event loop or
	 * any other {@link reactor.core.scheduler.NonBlocking} thread), saying how to fix it
	 */
	public static void beforeBlocking(String operation) {
		if (Schedulers.isInNonBlockingThread()) {
			throw new BridgeUsageException(operation + " was called on thread '" + Thread.currentThread().getName()
					+ "', which must never block because it serves many requests at once. Run blocking-style code on "
					+ "a virtual thread instead: annotate the controller or handler method with @BlockingStyle and "
					+ "set 'bridge.enabled: true', or wrap the code in Bridge.spawn(...).");
		}
	}

}
