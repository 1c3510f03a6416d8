/**
 * Customer notifications over WebSocket ({@code /ws/notifications}, the logged-in customer's): a hub that
 * blocking code sends text messages to, and the reactive WebSocket plumbing that delivers them.
 */
@NullMarked
package io.blockingbridge.sample.notifications;

import org.jspecify.annotations.NullMarked;
