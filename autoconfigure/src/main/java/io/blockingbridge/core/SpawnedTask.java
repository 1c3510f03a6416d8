package io.blockingbridge.core;

import org.jspecify.annotations.Nullable;

/**
 * Describes a {@link Bridge#spawn spawned} task to the live view of blocked requests by what the
 * task's thread awaits right now (the kitchen call it makes, say), so that a request waiting for
 * its spawned work shows what that work waits for.
 */
final class SpawnedTask {

	private volatile @Nullable BridgeScope scope;

	void running(BridgeScope scope) {
		this.scope = scope;
	}

	@Override
	public String toString() {
		BridgeScope current = this.scope;
		String awaited = (current != null) ? current.awaitingDescription() : null;
		return (awaited != null) ? awaited : "Bridge.spawn task";
	}

}
