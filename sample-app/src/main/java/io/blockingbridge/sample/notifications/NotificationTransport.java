package io.blockingbridge.sample.notifications;

/**
 * Carries a notification to every instance of the application, each of which hands it to the
 * customer's {@link NotificationSessions sessions} open there. Chosen once at start-up by
 * {@link NotificationConfiguration}: PostgreSQL's {@code NOTIFY}/{@code LISTEN} when the application
 * runs on PostgreSQL (one instance or many), this instance's own sessions otherwise (H2 in memory).
 */
@FunctionalInterface
interface NotificationTransport {

	/**
	 * Sends a notification to the customer's sessions on every instance. Never throws because the
	 * transport failed: a notification is worth a try, not a failed request.
	 * @param notification the customer and the text
	 */
	void publish(Notification notification);

}
