/**
 * Detection of virtual threads pinned to their carrier thread, from the JDK Flight Recorder's
 * {@code jdk.VirtualThreadPinned} events.
 * <p>
 * {@link io.blockingbridge.pinning.PinningMonitor} streams those events to a listener as
 * {@link io.blockingbridge.pinning.PinnedThread} values. It depends on nothing but the JDK: the
 * auto-configuration counts and logs them in an application, and the
 * {@code blocking-bridge-spring-boot-test} module fails tests with them.
 */
@NullMarked
package io.blockingbridge.pinning;

import org.jspecify.annotations.NullMarked;
