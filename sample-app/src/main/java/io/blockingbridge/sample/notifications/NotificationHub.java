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
 * Delivers text notifications to the WebSocket sessions of customers. Blocking-style code calls
 * {@link #send(String, String)}, which never waits: it hands the message to each of the customer's
 * open sessions, and Reactor Netty writes it out. A customer without an open session misses the
 * message (nothing is stored).
 */
@Component
public class NotificationHub {

	private static final Log logger = LogFactory.getLog(NotificationHub.class);

	private final Map<String, Set<Sinks.Many<String>>> sessions = new ConcurrentHashMap<>();

	/**
	 * Sends a message to every open session of a customer.
	 * @param customer the customer's name
	 * @param message the text
	 * @return the number of sessions the message was handed to
	 */
	public int send(String customer, String message) {
		int delivered = 0;
		for (Sinks.Many<String> session : this.sessions.getOrDefault(customer, Set.of())) {
			// Several request threads may notify the same customer at once; a sink takes one at a time.
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
