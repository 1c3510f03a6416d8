/**
 * The bridge between blocking-style code and reactive publishers.
 * <p>
 * {@link io.blockingbridge.core.Bridge} waits on a {@code Mono} or {@code Flux} from plain code
 * ({@code await}, {@code stream}) and runs plain code as a {@code Mono} on a new virtual thread
 * ({@code spawn}). A {@link io.blockingbridge.core.BridgeScope} carries the Reactor Context of the
 * request or subscriber that blocking code runs for, so that every awaited publisher sees it. The
 * rules every await follows (context, errors, time limits, interrupts, where it may block) are
 * written once, on {@link io.blockingbridge.core.Bridge}.
 */
@NullMarked
package io.blockingbridge.core;

import org.jspecify.annotations.NullMarked;
