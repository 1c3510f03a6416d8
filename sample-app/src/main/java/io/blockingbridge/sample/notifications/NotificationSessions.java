package io.blockingbridge.sample.notifications;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The WebSocket sessions open on this instance, by customer: it hands a text to each of a
 * customer's sessions without waiting, and Reactor Netty writes it out. A customer without an open
 * session here misses the text (nothing is stored). Which texts reach it is the
 * {@link NotificationTransport}'s business.
 * <p>
 * One client cannot hold the instance's connections or memory ({@link NotificationProperties}): a
 * session is {@linkplain #reserve(String) reserved} before the handshake (at most so many per
 * customer and overall; a handshake with a ticket beyond them is refused before any other work,
 * {@link FullSessionHandshakes}), the server pings every session and closes one whose peer stays silent,
 * and a session whose peer does not read is closed once a few messages wait for it.
 */
@Component
class NotificationSessions {

	private static final Log logger = LogFactory.getLog(NotificationSessions.class);

	/** How often a refused handshake is logged at most (with the number refused meanwhile). */
	private static final long REFUSAL_LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

	private final Map<String, Set<Outbox>> sessions = new ConcurrentHashMap<>();

	private final Map<String, Integer> reserved = new ConcurrentHashMap<>();

	private final AtomicInteger total = new AtomicInteger();

	private final AtomicLong refused = new AtomicLong();

	private final AtomicLong lastRefusalLog = new AtomicLong(System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS);

	private final NotificationProperties properties;

	NotificationSessions(NotificationProperties properties) {
		this.properties = properties;
	}

	/**
	 * Hands a message to every session of a customer open on this instance.
	 * @param customer the customer's name
	 * @param message the text
	 * @return the number of sessions the message was handed to
	 */
	int deliver(String customer, String message) {
		int delivered = 0;
		for (Outbox outbox : this.sessions.getOrDefault(customer, Set.of())) {
			if (outbox.offer(message)) {
				delivered++;
			}
		}
		logger.debug("Notified " + customer + " on " + delivered + " session(s): " + message);
		return delivered;
	}

	/**
	 * Reserves a session for a customer, before its handshake.
	 * @param customer the customer's name
	 * @return the reservation, to be handed to {@link #sessionOf(Reservation)}; released when the
	 * session ends, or by {@link Reservation#release()} if the handshake fails
	 * @throws SessionLimitException if the customer or the instance has as many sessions as allowed
	 */
	Reservation reserve(String customer) {
		if (this.total.incrementAndGet() > this.properties.maxSessions()) {
			this.total.decrementAndGet();
			refused(customer, "the instance has " + this.properties.maxSessions() + " sessions open");
			throw SessionLimitException.overall();
		}
		boolean[] granted = new boolean[1];
		this.reserved.compute(customer, (name, count) -> {
			int open = (count != null) ? count : 0;
			if (open >= this.properties.maxSessionsPerCustomer()) {
				return count;
			}
			granted[0] = true;
			return open + 1;
		});
		if (!granted[0]) {
			this.total.decrementAndGet();
			refused(customer, "the customer has " + this.properties.maxSessionsPerCustomer() + " sessions open");
			throw SessionLimitException.perCustomer(this.properties.maxSessionsPerCustomer());
		}
		return new Reservation(customer);
	}

	/**
	 * Whether {@link #reserve(String)} would refuse the customer now, without reserving anything: for
	 * refusing a handshake before any other work ({@link FullSessionHandshakes}); {@link #reserve}
	 * still decides for the handshakes this lets through.
	 * @param customer the customer's name
	 * @return the refusal, or {@code null} if there is room
	 */
	@Nullable SessionLimitException refusal(String customer) {
		if (this.reserved.getOrDefault(customer, 0) >= this.properties.maxSessionsPerCustomer()) {
			refused(customer, "the customer has " + this.properties.maxSessionsPerCustomer() + " sessions open");
			return SessionLimitException.perCustomer(this.properties.maxSessionsPerCustomer());
		}
		if (this.total.get() >= this.properties.maxSessions()) {
			refused(customer, "the instance has " + this.properties.maxSessions() + " sessions open");
			return SessionLimitException.overall();
		}
		return null;
	}

	/** The sessions open or being opened on this instance. */
	int open() {
		return this.total.get();
	}

	private void refused(String customer, String why) {
		long count = this.refused.incrementAndGet();
		long now = System.nanoTime();
		long last = this.lastRefusalLog.get();
		if (now - last >= REFUSAL_LOG_INTERVAL_NANOS && this.lastRefusalLog.compareAndSet(last, now)) {
			logger.warn("Notification WebSocket handshake refused for " + customer + ": " + why + " ("
					+ this.refused.getAndSet(0) + " refused in the last " + Duration.ofNanos(now - last).toSeconds()
					+ " s, at most one warning per " + Duration.ofNanos(REFUSAL_LOG_INTERVAL_NANOS).toSeconds()
					+ " s)");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Notification WebSocket handshake refused for " + customer + ": " + why + " (" + count + ")");
		}
	}

	/**
	 * The WebSocket handler of one customer's session: it registers the session, greets the customer
	 * (so a client knows it will receive what is sent from now on), sends each notification as a text
	 * message and a ping every {@code ping-interval}, closes the session when the peer stays silent
	 * for {@code idle-timeout} or does not read, and unregisters it when either side closes it.
	 * @param reservation the customer's reservation
	 * @return the handler
	 */
	WebSocketHandler sessionOf(Reservation reservation) {
		String customer = reservation.customer;
		return (WebSocketSession session) -> {
			reservation.started.set(true);
			Outbox outbox = new Outbox(session, this.properties.maxPendingMessages());
			this.sessions.computeIfAbsent(customer, (name) -> ConcurrentHashMap.newKeySet()).add(outbox);
			outbox.offer("Connected as " + customer);
			Flux<WebSocketMessage> pings = Flux.interval(this.properties.pingInterval())
				.map((tick) -> session.pingMessage((factory) -> factory.allocateBuffer(0)));
			Mono<Void> output = session
				.send(Flux.merge(outbox.messages.asFlux().map(session::textMessage), pings));
			// Every frame from the peer (a pong to the pings included) counts as a sign of life. (The
			// watch is a timer beside the input: cancelling the input would drop the connection
			// before the close frame.)
			AtomicLong lastHeard = new AtomicLong(System.nanoTime());
			Mono<Void> input = session.receive().doOnNext((message) -> {
				lastHeard.set(System.nanoTime());
				message.release();
			}).then();
			long idleNanos = this.properties.idleTimeout().toNanos();
			Mono<Void> idle = Flux.interval(this.properties.pingInterval())
				.filter((tick) -> System.nanoTime() - lastHeard.get() >= idleNanos)
				.next()
				.flatMap((tick) -> {
					logger.debug("Closing a notification session of " + customer + ": no frame from the peer within "
							+ this.properties.idleTimeout());
					return session.close(CloseStatus.GOING_AWAY);
				});
			return Mono.firstWithSignal(output, input, idle).doFinally((signal) -> {
				unregister(customer, outbox);
				reservation.release();
			});
		};
	}

	private void unregister(String customer, Outbox outbox) {
		this.sessions.computeIfPresent(customer, (name, outboxes) -> {
			outboxes.remove(outbox);
			return outboxes.isEmpty() ? null : outboxes;
		});
		outbox.messages.tryEmitComplete();
	}

	/**
	 * A session reserved for a customer before its handshake.
	 */
	final class Reservation {

		private final String customer;

		private final AtomicBoolean started = new AtomicBoolean();

		private final AtomicBoolean released = new AtomicBoolean();

		private Reservation(String customer) {
			this.customer = customer;
		}

		/** Whether the handshake succeeded and the session's handler ran. */
		boolean started() {
			return this.started.get();
		}

		/** Gives the reservation back (once; later calls do nothing). */
		void release() {
			if (this.released.compareAndSet(false, true)) {
				NotificationSessions.this.reserved.computeIfPresent(this.customer,
						(name, count) -> (count <= 1) ? null : count - 1);
				NotificationSessions.this.total.decrementAndGet();
			}
		}

	}

	/**
	 * The messages waiting for one session's peer: at most {@code max-pending-messages}; one more
	 * closes the session.
	 */
	private static final class Outbox {

		private final WebSocketSession session;

		private final Sinks.Many<String> messages;

		Outbox(WebSocketSession session, int capacity) {
			this.session = session;
			this.messages = Sinks.many().unicast().onBackpressureBuffer(Queues.<String>get(capacity).get());
		}

		boolean offer(String message) {
			Sinks.EmitResult result;
			// Several threads may notify the same customer at once; a sink takes one at a time.
			synchronized (this) {
				result = this.messages.tryEmitNext(message);
			}
			if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
				logger.debug("Closing a notification session whose peer does not read: " + this.session.getId());
				this.session.close(CloseStatus.SERVICE_OVERLOAD).subscribe(null, (ex) -> {
				});
			}
			return result.isSuccess();
		}

	}

}
