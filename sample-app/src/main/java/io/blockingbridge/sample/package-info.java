/**
 * The food-delivery sample: a blocking-style web application on Blocking Bridge that saves an
 * order, asks a kitchen to cook it and notifies the customer over a WebSocket, with every I/O
 * underneath reactive.
 */
@NullMarked
package io.blockingbridge.sample;

import org.jspecify.annotations.NullMarked;
