package io.blockingbridge.web;

/**
 * Lets tests of other packages see how many WebSocket handshakes {@link BlockingStyleHandshakes}
 * keeps.
 */
public final class BlockingStyleHandshakesAccess {

	private BlockingStyleHandshakesAccess() {
	}

	public static int kept() {
		return BlockingStyleHandshakes.kept();
	}

}
