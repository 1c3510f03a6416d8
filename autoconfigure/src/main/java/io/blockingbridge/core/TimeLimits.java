package io.blockingbridge.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The one rule for the time limit of an await that has none of its own (docs/bridge.md, "Time
 * limits"): inside a bridge scope, the time that scope leaves; outside of any scope, the
 * {@code bridge.timeout} of the application the caller belongs to: the component's own
 * {@link BridgeSettings} if it was created by an application context, else those of the only
 * application context with the bridge running in this JVM, else {@link BridgeScope#DEFAULT_TIMEOUT}.
 * A limit given to the call itself is not looked up here: it wins.
 */
final class TimeLimits {

	/** The settings of the application contexts running with the bridge, in the order they started. */
	private static final AtomicReference<List<Registered>> RUNNING = new AtomicReference<>(List.of());

	private TimeLimits() {
	}

	/**
	 * Return the limit of an await on the current thread without a limit of its own.
	 * @param component the settings of the component that awaits, or {@code null} (or
	 * {@link BridgeSettings#defaults()}) for a caller created outside of an application context
	 * @return the time limit; zero means none
	 */
	static Duration resolve(@Nullable BridgeSettings component) {
		BridgeScope scope = BridgeScope.current();
		return (scope != null) ? scope.remainingTimeout() : outsideScope(component);
	}

	/**
	 * Return the limit that applies outside of any scope.
	 * @param component the settings of the component that awaits, or {@code null}
	 * @return the time limit; zero means none
	 */
	static Duration outsideScope(@Nullable BridgeSettings component) {
		if (component != null && component != BridgeSettings.defaults()) {
			return component.timeout();
		}
		BridgeSettings only = onlyApplication(RUNNING.get());
		return (only != null) ? only.timeout() : BridgeScope.DEFAULT_TIMEOUT;
	}

	/** The settings all running applications share (one application, or a context and its children). */
	private static @Nullable BridgeSettings onlyApplication(List<Registered> running) {
		if (running.isEmpty()) {
			return null;
		}
		BridgeSettings first = running.get(0).settings;
		for (int i = 1; i < running.size(); i++) {
			if (running.get(i).settings != first) {
				return null;
			}
		}
		return first;
	}

	static BridgeSettings.Registration register(Object application, BridgeSettings settings) {
		Registered registered = new Registered(application, settings);
		RUNNING.updateAndGet((running) -> {
			List<Registered> updated = new ArrayList<>(running);
			updated.add(registered);
			return List.copyOf(updated);
		});
		return () -> RUNNING.updateAndGet((running) -> {
			List<Registered> updated = new ArrayList<>(running);
			updated.removeIf((candidate) -> candidate == registered);
			return List.copyOf(updated);
		});
	}

	static @Nullable BridgeSettings registeredFor(Object application) {
		for (Registered registered : RUNNING.get()) {
			if (registered.application == application) {
				return registered.settings;
			}
		}
		return null;
	}

	private record Registered(Object application, BridgeSettings settings) {
	}

}
