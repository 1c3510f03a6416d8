package io.blockingbridge.core;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import reactor.util.context.ContextView;

import org.springframework.util.ClassUtils;

/**
 * Restores ThreadLocal values (MDC, observations, anything with a registered
 * {@code ThreadLocalAccessor}) from a Reactor Context onto the current thread, when Micrometer's
 * context-propagation library is present; does nothing otherwise.
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

	/** Kept apart so that the class loads only when context-propagation is there. */
	private static final class ContextPropagation {

		private static final ContextSnapshotFactory FACTORY = ContextSnapshotFactory.builder().build();

		static AutoCloseable restoreFrom(ContextView context) {
			ContextSnapshot.Scope scope = FACTORY.setThreadLocalsFrom(context);
			return scope::close;
		}

	}

}
