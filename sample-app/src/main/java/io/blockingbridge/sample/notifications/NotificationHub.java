package io.blockingbridge.sample.notifications;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Sends text notifications to the WebSocket sessions of customers, on whichever instance of the
 * application they are connected to. Blocking-style code calls {@link #send(String, String)} after
 * its transaction has committed (as {@code OrderFlow} does), so a customer never hears of a change
 * that is not stored. A customer without an open session misses the message (nothing is stored).
 * <p>
 * On PostgreSQL a message travels through the database ({@code NOTIFY}, see
 * {@link PostgresNotifications}), so all instances sharing the database deliver it; on H2 it is
 * handed to this instance's sessions directly. Either way a message must be short: PostgreSQL
 * refuses a {@code NOTIFY} payload (customer and message as JSON) of {@value #MAX_PAYLOAD_BYTES}
 * bytes or more, so send an order id and its status rather than whole documents, and let the
 * client fetch the details.
 */
@Component
public class NotificationHub {

	/** The largest payload PostgreSQL's {@code NOTIFY} accepts is one byte less. */
	public static final int MAX_PAYLOAD_BYTES = 8000;

	private final NotificationTransport transport;

	private final JsonMapper json;

	NotificationHub(NotificationTransport transport, JsonMapper json) {
		this.transport = transport;
		this.json = json;
	}

	/**
	 * Sends a message to every open session of a customer, on every instance. Does not fail when
	 * the message cannot be carried (the database is unreachable): that is logged, and the order or
	 * whatever the message is about stands.
	 * @param customer the customer's name
	 * @param message the text: a short message such as {@code "Order #7 will be delivered in 25
	 * minutes"}
	 * @throws IllegalArgumentException if customer and message are too long for one notification
	 */
	public void send(String customer, String message) {
		Notification notification = new Notification(customer, message);
		int bytes = Notification.bytes(notification.toPayload(this.json));
		if (bytes >= MAX_PAYLOAD_BYTES) {
			throw new IllegalArgumentException("A notification of " + bytes + " bytes (customer and message as JSON, "
					+ "UTF-8) is too long: PostgreSQL's NOTIFY, which carries notifications between instances, takes "
					+ "less than " + MAX_PAYLOAD_BYTES + " bytes. Send an order id and status and let the client "
					+ "fetch the rest.");
		}
		this.transport.publish(notification);
	}

}
