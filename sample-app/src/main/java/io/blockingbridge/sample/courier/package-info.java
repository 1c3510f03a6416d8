/**
 * The courier: a small HTTP service that is part of the sample ({@code /courier/quotes}), with a
 * configurable delay and failure rate, and the blocking client that orders ask it with, at the same
 * time as they ask the kitchen.
 */
@NullMarked
package io.blockingbridge.sample.courier;

import org.jspecify.annotations.NullMarked;
