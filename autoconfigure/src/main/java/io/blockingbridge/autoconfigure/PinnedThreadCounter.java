package io.blockingbridge.autoconfigure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@code bridge.virtual-threads.pinned} counter, registered at startup so that it reads zero
 * until the first pinning.
 */
class PinnedThreadCounter {

	static final String NAME = "bridge.virtual-threads.pinned";

	private final Counter counter;

	PinnedThreadCounter(MeterRegistry registry) {
		this.counter = Counter.builder(NAME)
			.description("Times a virtual thread stayed pinned to its carrier thread for longer than "
					+ "bridge.pinning.threshold (counted in the whole JVM)")
			.register(registry);
	}

	void increment() {
		this.counter.increment();
	}

}
