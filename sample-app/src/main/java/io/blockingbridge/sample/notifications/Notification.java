package io.blockingbridge.sample.notifications;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One notification as it travels between instances: the payload of a PostgreSQL {@code NOTIFY},
 * {@code {"customer":"ada","message":"Order #7 will be delivered in 25 minutes"}}.
 *
 * @param customer the customer's name
 * @param message the text
 */
record Notification(String customer, String message) {

	/**
	 * The payload.
	 * @param json the application's mapper
	 */
	String toPayload(JsonMapper json) {
		return json.writeValueAsString(this);
	}

	/**
	 * The size of a payload in bytes, as PostgreSQL counts it.
	 */
	static int bytes(String payload) {
		return payload.getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * A notification read back from its payload.
	 * @throws IllegalArgumentException if the payload is not one
	 */
	static Notification fromPayload(JsonMapper json, String payload) {
		try {
			Notification notification = json.readValue(payload, Notification.class);
			if (notification == null || notification.customer() == null || notification.message() == null) {
				throw new IllegalArgumentException("Not a notification: " + payload);
			}
			return notification;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Not a notification: " + payload, ex);
		}
	}

}
