/**
 * Orders and customers: the {@code /orders} endpoints, the blocking Spring Data repositories over
 * R2DBC, and the order flow that calls the kitchen.
 */
@NullMarked
package io.blockingbridge.sample.orders;

import org.jspecify.annotations.NullMarked;
