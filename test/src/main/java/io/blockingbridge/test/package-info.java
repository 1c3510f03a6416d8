/**
 * Test support for applications built on Blocking Bridge: {@link io.blockingbridge.test.BridgeChecks}
 * fails a test whose code pinned a virtual thread to its carrier thread or blocked a thread that
 * must never block.
 */
@NullMarked
package io.blockingbridge.test;

import org.jspecify.annotations.NullMarked;
