package io.blockingbridge.core;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import org.springframework.util.ClassUtils;

/**
 * Restores ThreadLocal values (MDC, observations, anything with a registered
 * {@code ThreadLocalAccessor}) from a Reactor Context onto the current thread, and captures them
 * from the current thread into a Reactor Context for a fork, when Micrometer's context-propagation
 * library is present; does nothing otherwise.
 */
final class ThreadLocalRestorer {

	private static final boolean CONTEXT_PROPAGATION_PRESENT = ClassUtils
		.isPresent("io.micrometer.context.ContextSnapshotFactory", ThreadLocalRestorer.class.getClassLoader());

	private static final AutoCloseable NOTHING_TO_RESTORE = () -> {
	};

	private ThreadLocalRestorer() {
	}

	/**
	 * Set the thread locals found in the given context.
	 * @param context the Reactor Context to read from
	 * @return what to close to restore the previous values
	 */
	static AutoCloseable restoreFrom(ContextView context) {
		if (!CONTEXT_PROPAGATION_PRESENT || context.isEmpty()) {
			return NOTHING_TO_RESTORE;
		}
		return ContextPropagation.restoreFrom(context);
	}

	/**
	 * Return the given context with the current thread's values of the thread locals that
	 * context-propagation knows, so that a scope opened with it on another thread restores them.
	 * @param context the Reactor Context to add them to
	 * @return the context with the captured values
	 */
	static Context captureInto(Context context) {
		if (!CONTEXT_PROPAGATION_PRESENT) {
			return context;
		}
		return ContextPropagation.captureInto(context);
	}

	/** Kept apart so that the class loads only when context-propagation is there. */
	private static final class ContextPropagation {

		private static final ContextSnapshotFactory FACTORY = ContextSnapshotFactory.builder().build();

		static AutoCloseable restoreFrom(ContextView context) {
			ContextSnapshot.Scope scope = FACTORY.setThreadLocalsFrom(context);
			return scope::close;
		}

		static Context captureInto(Context context) {
			return FACTORY.captureAll().updateContext(context);
		}

	}

}
