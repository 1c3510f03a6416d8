/**
 * The kitchen: a small HTTP service that is part of the sample ({@code /kitchen/orders}), with a
 * configurable delay and failure rate, and the blocking client that orders call it with.
 */
@NullMarked
package io.blockingbridge.sample.kitchen;

import org.jspecify.annotations.NullMarked;
