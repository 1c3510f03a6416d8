/**
 * Auto-configuration of Blocking Bridge, switched on by {@code bridge.enabled: true}, and its
 * {@link io.blockingbridge.autoconfigure.BridgeProperties properties}.
 */
@NullMarked
package io.blockingbridge.autoconfigure;

import org.jspecify.annotations.NullMarked;
