package io.blockingbridge.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.blockingbridge.core.BridgeBlockHoundIntegration;
import org.jspecify.annotations.Nullable;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;

/**
 * BlockHound, installed once per JVM, recording every blocking call on a thread that must never
 * block. A blocking JDK method then throws BlockHound's {@link BlockingOperationError} as usual;
 * the bridge's blocking entry points (marked by its {@link BridgeBlockHoundIntegration}, which
 * BlockHound loads) are only recorded, so that the bridge refuses the await with its own
 * {@code BridgeUsageException} as it does in production.
 */
final class BlockingCalls {

	static final String JVM_FLAGS = "-XX:+AllowRedefinitionToAddDeleteMethods -XX:+EnableDynamicAgentLoading";

	private static final int FRAMES = 25;

	private static final List<BlockingCall> calls = new ArrayList<>();

	private static boolean installed;

	private static @Nullable RuntimeException installFailure;

	private BlockingCalls() {
	}

	static synchronized void install() {
		if (installFailure != null) {
			throw installFailure;
		}
		if (installed) {
			return;
		}
		try {
			// loads BridgeBlockHoundIntegration, which marks the bridge's blocking entry points
			BlockHound.builder()
				.loadIntegrations()
				.blockingMethodCallback(BlockingCalls::blocked)
				.install();
			installed = true;
		}
		catch (Throwable ex) {
			installFailure = new IllegalStateException("@BridgeChecks could not install BlockHound to detect blocking "
					+ "calls on threads that must never block: " + ex + ". Run the tests with the JVM flags "
					+ JVM_FLAGS + " (with Maven: <argLine> of maven-surefire-plugin), or check pinning only with "
					+ "@BridgeChecks(blocking = false).", ex);
			throw installFailure;
		}
	}

	static synchronized Window open() {
		return new Window(calls.size());
	}

	private static void blocked(BlockingMethod method) {
		List<StackTraceElement> frames = callerFrames();
		if (isIdleWorker(frames)) {
			return; // a pool thread waiting for work since before BlockHound was installed
		}
		boolean bridgeCheck = BridgeBlockHoundIntegration.isBridgeEntryPoint(method);
		synchronized (BlockingCalls.class) {
			calls.add(new BlockingCall(bridgeCheck ? "a Bridge await" : method.toString(),
					Thread.currentThread().getName(), frames));
		}
		if (!bridgeCheck) {
			throw new BlockingOperationError(method);
		}
	}

	private static List<StackTraceElement> callerFrames() {
		List<StackTraceElement> frames = Arrays.asList(new Throwable().getStackTrace());
		int first = 0;
		while (first < frames.size() && isOwnFrame(frames.get(first))) {
			first++;
		}
		return frames.subList(first, frames.size());
	}

	private static boolean isIdleWorker(List<StackTraceElement> frames) {
		return frames.stream()
			.anyMatch((frame) -> frame.getClassName().equals("java.util.concurrent.ThreadPoolExecutor")
					&& frame.getMethodName().equals("getTask"));
	}

	private static boolean isOwnFrame(StackTraceElement frame) {
		String type = frame.getClassName();
		return type.startsWith("io.blockingbridge.test.") || type.startsWith("reactor.blockhound.");
	}

	private static synchronized List<BlockingCall> since(int start) {
		return List.copyOf(calls.subList(Math.min(start, calls.size()), calls.size()));
	}

	private record BlockingCall(String method, String thread, List<StackTraceElement> frames) {

	}

	/**
	 * The blocking calls of one test.
	 */
	static final class Window {

		private final int start;

		private Window(int start) {
			this.start = start;
		}

		void describeTo(StringBuilder failures) {
			for (BlockingCall call : since(this.start)) {
				failures.append("Blocked a thread that must never block: ")
					.append(call.method())
					.append(" on thread '")
					.append(call.thread())
					.append("'. Such a thread (a Reactor Netty event loop, Reactor's parallel scheduler) serves many "
							+ "requests at once, and all of them wait while it blocks. Run blocking code on a virtual "
							+ "thread instead (@BlockingStyle, Bridge.spawn) or on Schedulers.boundedElastic().\n"
							+ "Blocking stack:\n");
				int shown = Math.min(FRAMES, call.frames().size());
				for (int i = 0; i < shown; i++) {
					failures.append("\tat ").append(call.frames().get(i)).append('\n');
				}
				if (shown < call.frames().size()) {
					failures.append("\t... ").append(call.frames().size() - shown).append(" more\n");
				}
				failures.append('\n');
			}
		}

	}

}
