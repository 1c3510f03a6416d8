package io.blockingbridge.core;

import org.jspecify.annotations.Nullable;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Says what an awaited publisher is: the description given to {@link Bridge#describe}, else the
 * name given with Reactor's {@code name(..)} operator on it or on one of the publishers it is built
 * on, else just "Mono" or "Flux".
 */
final class AwaitDescription {

	private static final int MAX_DEPTH = 16;

	private AwaitDescription() {
	}

	static @Nullable String of(@Nullable Object publisher) {
		if (publisher == null) {
			return null;
		}
		if (publisher instanceof BridgeTasks tasks) {
			return tasks.describeWaiting();
		}
		Object current = publisher;
		for (int depth = 0; depth < MAX_DEPTH && current != null; depth++) {
			if (current instanceof DescribedMono<?> described) {
				return String.valueOf(described.description());
			}
			Scannable scannable = Scannable.from(current);
			if (!scannable.isScanAvailable()) {
				break;
			}
			String name = scannable.scanUnsafe(Scannable.Attr.NAME) instanceof String text ? text : null;
			if (name != null) {
				return name;
			}
			current = scannable.scanUnsafe(Scannable.Attr.PARENT);
		}
		if (publisher instanceof Mono<?>) {
			return "Mono";
		}
		return (publisher instanceof Flux<?>) ? "Flux" : publisher.getClass().getSimpleName();
	}

}
