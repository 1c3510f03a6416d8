package io.blockingbridge.sample.kitchen;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The kitchen's ledger: one ticket per order id, so that the kitchen answers the same for the same
 * order however often it is asked, never cooks an order twice, and never cooks a cancelled one.
 * Kept in memory (the kitchen is a stand-in for another service).
 */
@Component
class Kitchen {

	private final KitchenProperties properties;

	private final Map<Long, Ticket> tickets = new ConcurrentHashMap<>();

	Kitchen(KitchenProperties properties) {
		this.properties = properties;
	}

	/**
	 * The ticket of an order, created (and its outcome decided) at the order's first request.
	 */
	Ticket ticket(long orderId, String customer, int items) {
		return this.tickets.computeIfAbsent(orderId, (id) -> {
			boolean refused = ThreadLocalRandom.current().nextDouble() < this.properties.failureRate();
			long readyAt = System.nanoTime() + this.properties.delay().toNanos();
			return new Ticket(id, customer, refused ? TicketState.REFUSED : TicketState.COOKING, 15 + 5 * items,
					readyAt);
		});
	}

	/**
	 * Cancels an order; idempotent, and an order cancelled before it arrives is never cooked.
	 * @return the ticket's state after the cancellation
	 */
	TicketState cancel(long orderId) {
		Ticket ticket = this.tickets.computeIfAbsent(orderId,
				(id) -> new Ticket(id, null, TicketState.CANCELLED, 0, System.nanoTime()));
		return ticket.cancel();
	}

	/**
	 * The state of an order at the kitchen, if the kitchen has heard of it.
	 */
	TicketState state(long orderId) {
		Ticket ticket = this.tickets.get(orderId);
		return (ticket != null) ? ticket.state() : TicketState.UNKNOWN;
	}

	/**
	 * The customer an order was sent for, if the kitchen has received it.
	 */
	@Nullable String customer(long orderId) {
		Ticket ticket = this.tickets.get(orderId);
		return (ticket != null) ? ticket.customer() : null;
	}

	/**
	 * Where an order stands at the kitchen.
	 */
	enum TicketState {

		/** Never heard of. */
		UNKNOWN,

		/** Accepted and being prepared (the answer is {@code 201} once the delay has passed). */
		COOKING,

		/** Refused (the kitchen was too busy). */
		REFUSED,

		/** Cancelled by the order service; not cooked. */
		CANCELLED

	}

	/**
	 * One order at the kitchen.
	 */
	static final class Ticket {

		private final long orderId;

		private final @Nullable String customer;

		private final int minutes;

		private final long readyAt;

		private TicketState state;

		Ticket(long orderId, @Nullable String customer, TicketState state, int minutes, long readyAt) {
			this.orderId = orderId;
			this.customer = customer;
			this.state = state;
			this.minutes = minutes;
			this.readyAt = readyAt;
		}

		long orderId() {
			return this.orderId;
		}

		@Nullable String customer() {
			return this.customer;
		}

		int minutes() {
			return this.minutes;
		}

		long nanosUntilAnswer() {
			return Math.max(0, this.readyAt - System.nanoTime());
		}

		synchronized TicketState state() {
			return this.state;
		}

		synchronized TicketState cancel() {
			if (this.state == TicketState.COOKING) {
				this.state = TicketState.CANCELLED;
			}
			return this.state;
		}

	}

}
