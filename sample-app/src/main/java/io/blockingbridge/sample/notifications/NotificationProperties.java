package io.blockingbridge.sample.notifications;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the notification WebSocket ({@code /ws/notifications}), so that one client cannot hold
 * the server's connections or memory.
 *
 * @param maxSessionsPerCustomer the sessions one customer may have open on this instance at once
 * (browser tabs); another handshake is answered {@code 429}
 * @param maxSessions the sessions open on this instance at once, all customers together; another
 * handshake is answered {@code 503}
 * @param pingInterval how often the server pings each session (browsers answer on their own)
 * @param idleTimeout a session from whose peer no frame (a pong included) arrived for this long is
 * closed ({@code 1001}); longer than {@code ping-interval}
 * @param maxPendingMessages the messages that may wait for a peer that does not read; one more
 * closes its session ({@code 1013}, the page reconnects) instead of growing the heap
 */
@ConfigurationProperties("sample.notifications")
@Validated
public record NotificationProperties(@DefaultValue("4") @Min(1) int maxSessionsPerCustomer,
		@DefaultValue("2000") @Min(1) int maxSessions, @DefaultValue("25s") Duration pingInterval,
		@DefaultValue("60s") Duration idleTimeout, @DefaultValue("64") @Min(1) int maxPendingMessages) {

	public NotificationProperties {
		if (idleTimeout.compareTo(pingInterval) <= 0) {
			throw new IllegalArgumentException("sample.notifications.idle-timeout (" + idleTimeout
					+ ") must be longer than sample.notifications.ping-interval (" + pingInterval
					+ "), or sessions of healthy peers would be closed between two pings.");
		}
	}

}
