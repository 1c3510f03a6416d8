package io.blockingbridge.sample.notifications;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The WebSocket sessions open on this instance, by customer: it hands a text to each of a
 * customer's sessions without waiting, and Reactor Netty writes it out. A customer without an open
 * session here misses the text (nothing is stored). Which texts reach it is the
 * {@link NotificationTransport}'s business.
 */
@Component
class NotificationSessions {

	private static final Log logger = LogFactory.getLog(NotificationSessions.class);

	private final Map<String, Set<Sinks.Many<String>>> sessions = new ConcurrentHashMap<>();

	/**
	 * Hands a message to every session of a customer open on this instance.
	 * @param customer the customer's name
	 * @param message the text
	 * @return the number of sessions the message was handed to
	 */
	int deliver(String customer, String message) {
		int delivered = 0;
		for (Sinks.Many<String> session : this.sessions.getOrDefault(customer, Set.of())) {
			// Several threads may notify the same customer at once; a sink takes one at a time.
			synchronized (session) {
				if (session.tryEmitNext(message).isSuccess()) {
					delivered++;
				}
			}
		}
		logger.debug("Notified " + customer + " on " + delivered + " session(s): " + message);
		return delivered;
	}

	/**
	 * The WebSocket handler of one customer's session: it registers the session, greets the customer
	 * (so a client knows it will receive what is sent from now on), sends each notification as a text
	 * message, and unregisters the session when either side closes it.
	 * @param customer the customer's name
	 * @return the handler
	 */
	WebSocketHandler sessionOf(String customer) {
		return (WebSocketSession session) -> {
			Sinks.Many<String> outbox = Sinks.many().unicast().onBackpressureBuffer();
			this.sessions.computeIfAbsent(customer, (name) -> ConcurrentHashMap.newKeySet()).add(outbox);
			outbox.tryEmitNext("Connected as " + customer);
			Mono<Void> output = session.send(outbox.asFlux().map(session::textMessage));
			Mono<Void> input = session.receive().then();
			return Mono.firstWithSignal(output, input).doFinally((signal) -> unregister(customer, outbox));
		};
	}

	private void unregister(String customer, Sinks.Many<String> outbox) {
		this.sessions.computeIfPresent(customer, (name, outboxes) -> {
			outboxes.remove(outbox);
			return outboxes.isEmpty() ? null : outboxes;
		});
		outbox.tryEmitComplete();
	}

}
