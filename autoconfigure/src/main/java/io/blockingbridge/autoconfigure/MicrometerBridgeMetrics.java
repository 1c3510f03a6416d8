package io.blockingbridge.autoconfigure;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.blockingbridge.core.AwaitObserver;
import io.blockingbridge.core.AwaitOutcome;
import io.blockingbridge.web.BlockingStyleRequestListener;
import io.blockingbridge.web.RequestOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records the bridge's metrics in a Micrometer {@link MeterRegistry}: the timer
 * {@code bridge.requests} (tags {@code method}, the controller method such as
 * {@code OrderController#place} or the route of a functional endpoint such as
 * {@code GET /orders/{id}}, and {@code outcome}) and the counter {@code bridge.awaits} (tag
 * {@code outcome}). Meters are built once, per outcome and per handler on its first request, so
 * recording costs a map lookup and an increment, without building tags.
 */
final class MicrometerBridgeMetrics implements AwaitObserver, BlockingStyleRequestListener {

	static final String REQUESTS = "bridge.requests";

	static final String AWAITS = "bridge.awaits";

	private static final RequestOutcome[] REQUEST_OUTCOMES = RequestOutcome.values();

	private final MeterRegistry registry;

	private final Counter[] awaits;

	private final ConcurrentMap<String, Timer[]> requests = new ConcurrentHashMap<>();

	MicrometerBridgeMetrics(MeterRegistry registry) {
		this.registry = registry;
		AwaitOutcome[] outcomes = AwaitOutcome.values();
		this.awaits = new Counter[outcomes.length];
		for (AwaitOutcome outcome : outcomes) {
			this.awaits[outcome.ordinal()] = Counter.builder(AWAITS)
				.description("Awaits of blocking-style code on reactive publishers, by how they ended")
				.tag("outcome", outcome.tag())
				.register(registry);
		}
	}

	@Override
	public void awaitEnded(AwaitOutcome outcome) {
		this.awaits[outcome.ordinal()].increment();
	}

	@Override
	public void requestEnded(String handler, RequestOutcome outcome, long durationNanos) {
		Timer[] timers = this.requests.get(handler);
		if (timers == null) {
			timers = this.requests.computeIfAbsent(handler, this::timersOf);
		}
		timers[outcome.ordinal()].record(durationNanos, TimeUnit.NANOSECONDS);
	}

	private Timer[] timersOf(String name) {
		Timer[] timers = new Timer[REQUEST_OUTCOMES.length];
		for (RequestOutcome outcome : REQUEST_OUTCOMES) {
			timers[outcome.ordinal()] = Timer.builder(REQUESTS)
				.description("Blocking-style requests, from their start on a virtual thread to the end of their handling")
				.tag("method", name)
				.tag("outcome", outcome.tag())
				.register(this.registry);
		}
		return timers;
	}

}
