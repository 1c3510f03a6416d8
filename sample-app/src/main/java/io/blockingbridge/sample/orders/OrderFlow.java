package io.blockingbridge.sample.orders;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeTasks;
import io.blockingbridge.sample.MustFinish;
import io.blockingbridge.sample.courier.CourierClient;
import io.blockingbridge.sample.courier.CourierUnavailableException;
import io.blockingbridge.sample.kitchen.KitchenAnswer;
import io.blockingbridge.sample.kitchen.KitchenClient;
import io.blockingbridge.sample.notifications.NotificationHub;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

/**
 * Places an order, in plain blocking style: save it {@code PENDING}, ask the kitchen and a courier
 * at the same time ({@link Bridge#concurrently()}), store the outcome, answer. The customer's answer and the stored state always agree, and the kitchen cooks
 * exactly the orders stored {@code ACCEPTED}:
 * <ul>
 * <li>{@code 201} only after {@code ACCEPTED} is stored;</li>
 * <li>whenever the order cannot be completed (the kitchen refused or did not answer in time, no
 * courier can take it, the
 * client went away before the acceptance was stored, the acceptance could not be written) the
 * kitchen is told to cancel it first, then it is stored {@code FAILED} and the customer gets an
 * error;</li>
 * <li>if the application dies between the writes, the order stays {@code PENDING} until
 * {@link OrderRecovery} resolves it the same way.</li>
 * </ul>
 */
@Service
class OrderFlow {

	private static final Log logger = LogFactory.getLog(OrderFlow.class);

	private final OrderBook orderBook;

	private final KitchenClient kitchen;

	private final CourierClient couriers;

	private final NotificationHub notifications;

	private final MustFinish mustFinish;

	OrderFlow(OrderBook orderBook, KitchenClient kitchen, CourierClient couriers, NotificationHub notifications,
			MustFinish mustFinish) {
		this.orderBook = orderBook;
		this.kitchen = kitchen;
		this.couriers = couriers;
		this.notifications = notifications;
		this.mustFinish = mustFinish;
	}

	/**
	 * Places an order.
	 * @param request the order
	 * @return {@code 201} with the kitchen's JSON, the courier's minutes ({@code courierMinutes}) and
	 * the order's location
	 * @throws OrderFailedException ({@code 502}) if the kitchen did not accept it or no courier can
	 * take it; it is stored failed
	 */
	ResponseEntity<Map<String, Object>> place(NewOrder request) {
		return place(request, (id) -> {
		});
	}

	/**
	 * Places an order, storing what belongs with it in the transaction that opens it.
	 * @param request the order
	 * @param opened called with the new order's id in the transaction that saves it (its
	 * {@code Idempotency-Key}); what it throws is thrown from here, and no order is saved
	 * @return as {@link #place(NewOrder)}
	 */
	ResponseEntity<Map<String, Object>> place(NewOrder request, LongConsumer opened) {
		// (1) INSERT the order (PENDING) and its items in one transaction; it commits here, so no
		// connection is held while the kitchen cooks. It runs to its end even if the client goes
		// away meanwhile: an interrupt that cut it short after the commit would leave an order that
		// nobody resolves. (A client gone by now makes the kitchen call below fail at once.)
		Order order = this.mustFinish.evenIfInterrupted(() -> this.orderBook.open(request, opened));
		long id = order.requiredId();
		KitchenAnswer answer;
		int courierMinutes;
		try (BridgeTasks tasks = Bridge.concurrently()) {
			// (2) At the same time, each on a virtual thread of its own: POST it to the kitchen (the
			// order id is the kitchen's idempotency key) and wait for the answer, at most
			// kitchen.timeout; and ask the courier service when a courier can pick it up, at most
			// courier.timeout. The answer takes as long as the slower of the two.
			Supplier<KitchenAnswer> kitchenAnswer = tasks.fork(() -> this.kitchen.send(id, order.customer(),
					request.items()));
			Supplier<Integer> courierEta = tasks.fork(() -> this.couriers.eta(id, order.customer()));
			// If no courier can take it, the kitchen's call is cancelled and join() throws why.
			tasks.join();
			answer = kitchenAnswer.get();
			courierMinutes = courierEta.get();
		}
		catch (CourierUnavailableException ex) {
			// The kitchen may have the order already (or get it from a request on its way): cancel it
			// there first, as for a kitchen that did not answer.
			cancelAtKitchen(id, null);
			this.orderBook.fail(id, "no courier: " + ex.getMessage());
			throw new OrderFailedException(id, "No courier for the order", "no courier: " + ex.getMessage());
		}
		catch (RuntimeException | Error ex) {
			// This request's own client went away (the thread was interrupted) or something broke.
			abandon(id, "the order was abandoned: " + ex, ex);
			throw ex;
		}
		if (answer instanceof KitchenAnswer.NotAccepted(String reason)) {
			// A kitchen that did not answer in time may still be cooking: cancel it there first.
			cancelAtKitchen(id, null);
			this.orderBook.fail(id, reason);
			throw new OrderFailedException(id, reason);
		}
		KitchenAnswer.Accepted accepted = (KitchenAnswer.Accepted) answer;
		// (3) Only a kitchen acceptance makes an order ACCEPTED; the write finishes even if the
		// client has gone meanwhile (the kitchen cooks, so the order stands).
		boolean stored;
		try {
			stored = this.orderBook.accept(id, accepted.minutes());
		}
		catch (RuntimeException | Error ex) {
			abandon(id, "the acceptance could not be stored: " + ex, ex);
			throw ex;
		}
		if (!stored) {
			// Resolved meanwhile by recovery (it cancelled the order at the kitchen and failed it).
			cancelAtKitchen(id, null);
			throw new OrderFailedException(id, "the order was resolved as failed before the kitchen's answer was stored");
		}
		this.notifications.send(order.customer(),
				"Order #" + id + " will be delivered in " + accepted.minutes() + " minutes");
		Map<String, Object> body = new LinkedHashMap<>(accepted.json());
		body.put("courierMinutes", courierMinutes);
		return ResponseEntity.created(URI.create("/orders/" + id)).body(body);
	}

	/**
	 * Gives up an order that its request cannot complete: cancel it at the kitchen, then store it
	 * failed, even if the thread was interrupted.
	 */
	private void abandon(long id, String reason, Throwable cause) {
		try {
			cancelAtKitchen(id, cause);
			this.orderBook.abandon(id, reason);
		}
		catch (RuntimeException ex) {
			// The order stays PENDING; OrderRecovery resolves it.
			cause.addSuppressed(ex);
		}
	}

	private void cancelAtKitchen(long id, @Nullable Throwable cause) {
		String notConfirmed = this.kitchen.cancel(id);
		if (notConfirmed != null) {
			// Stored FAILED anyway: the customer is told it failed. Logged for the operators.
			logger.warn("Order #" + id + " is failed but " + notConfirmed
					+ ((cause != null) ? " (after " + cause + ")" : ""));
		}
	}

}
