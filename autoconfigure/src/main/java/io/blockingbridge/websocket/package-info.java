/**
 * Blocking-style WebSocket handlers: a {@link io.blockingbridge.websocket.BlockingWebSocketHandler}
 * runs on a virtual thread of its own and receives and sends with plain blocking calls.
 */
@NullMarked
package io.blockingbridge.websocket;

import org.jspecify.annotations.NullMarked;
