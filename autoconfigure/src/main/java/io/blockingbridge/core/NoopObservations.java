package io.blockingbridge.core;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.util.context.Context;

import org.springframework.util.ClassUtils;

/**
 * Leaves a no-op observation out of the context of a bridge scope.
 * <p>
 * WebFlux puts the request's observation into every request's Reactor Context, a no-op one when
 * the application records none. Carried into a scope, it would cost on every step of every await
 * without changing anything: opening the scope would set it as the thread's current observation,
 * and each {@code handle} operator of the awaited publisher (the R2DBC driver has them on every
 * message) would set and reset it again, allocating each time. Left out, the thread simply has no
 * current observation, which is what a no-op one stands for.
 */
final class NoopObservations {

	private static final boolean OBSERVATION_CONTEXT_PROPAGATION_PRESENT = ClassUtils.isPresent(
			"io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor",
			NoopObservations.class.getClassLoader());

	private NoopObservations() {
	}

	/**
	 * Return the given context without its observation if that is a no-op one.
	 * @param context the context of a scope
	 * @return the context to keep
	 */
	static Context strip(Context context) {
		if (!OBSERVATION_CONTEXT_PROPAGATION_PRESENT || context.isEmpty()) {
			return context;
		}
		return Observations.strip(context);
	}

	/** Kept apart so that the class loads only when Micrometer's observation API is there. */
	private static final class Observations {

		static Context strip(Context context) {
			Object observation = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			return (observation instanceof Observation candidate && candidate.isNoop())
					? context.delete(ObservationThreadLocalAccessor.KEY) : context;
		}

	}

}
