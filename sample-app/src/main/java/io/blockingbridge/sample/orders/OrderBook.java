package io.blockingbridge.sample.orders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.blockingbridge.sample.MustFinish;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The record of orders, written in blocking style: every repository call awaits R2DBC through the
 * bridge, and {@code @Transactional} methods run their calls in one R2DBC transaction.
 * <p>
 * An order's life is three short writes with the kitchen call in between, outside any transaction:
 * {@link #open} saves it {@code PENDING} (with its items, in one transaction), then exactly one of
 * {@link #accept} or {@link #fail} moves it on. Both only change a {@code PENDING} order, so an order
 * becomes {@code ACCEPTED} only by {@link #accept}, which is only called with a kitchen acceptance.
 */
@Service
public class OrderBook {

	private final OrderRepository orders;

	private final OrderItemRepository items;

	private final BlockingDatabaseClient database;

	private final MustFinish mustFinish;

	/** The most orders {@link #findPending()} returns. */
	static final int MAX_PENDING = 100;

	OrderBook(OrderRepository orders, OrderItemRepository items, BlockingDatabaseClient database,
			MustFinish mustFinish) {
		this.orders = orders;
		this.items = items;
		this.database = database;
		this.mustFinish = mustFinish;
	}

	/**
	 * Saves a new order of the logged-in customer as {@code PENDING}, with its items, in one
	 * transaction. The customer is read from {@link SecurityContextHolder}, as in Spring MVC code: in
	 * a blocking-style request the bridge makes it hold the request's authentication, also on the
	 * thread of its own that {@link MustFinish} runs this on, and in the transaction's scope.
	 * @param request the order
	 * @param opened called with the new order's id in the same transaction, to store what belongs
	 * with the order (its {@code Idempotency-Key}); what it throws rolls the order back
	 * @return the saved order
	 * @throws IllegalStateException if called outside of a customer's request
	 */
	@Transactional
	public Order open(NewOrder request, LongConsumer opened) {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		if (caller == null || !caller.isAuthenticated()) {
			throw new IllegalStateException("No logged-in customer: orders are opened in a customer's request");
		}
		Order order = this.orders.save(Order.pending(caller.getName()));
		List<OrderItem> lines = new ArrayList<>();
		for (int index = 0; index < request.items().size(); index++) {
			lines.add(new OrderItem(null, order.requiredId(), index, request.items().get(index)));
		}
		this.items.saveAll(lines);
		opened.accept(order.requiredId());
		return order;
	}

	/**
	 * Marks a pending order accepted by the kitchen. Runs even when the calling thread has been
	 * interrupted (the client of the request went away): the kitchen has accepted, so the order
	 * stands.
	 * @param id the order's id
	 * @param minutes the minutes until delivery the kitchen promised
	 * @return whether the order was pending and is now accepted
	 */
	public boolean accept(long id, int minutes) {
		return this.mustFinish.evenIfInterrupted(() -> this.orders.markAccepted(id, minutes)) == 1;
	}

	/**
	 * Marks a pending order failed; an order that is no longer pending is left as it is. Runs even
	 * when the calling thread has been interrupted, so that an abandoned request does not leave its
	 * order pending.
	 * @param id the order's id
	 * @param reason why it failed
	 * @return whether the order was pending and is now failed
	 */
	public boolean fail(long id, String reason) {
		return this.mustFinish.evenIfInterrupted(() -> this.orders.markFailed(id, shorten(reason))) == 1;
	}

	/**
	 * Marks an order failed that its own request gives up on after cancelling it at the kitchen,
	 * whether or not its acceptance was stored (a write that failed may still have happened). Runs even
	 * when the calling thread has been interrupted.
	 * @param id the order's id
	 * @param reason why it failed
	 * @return whether the order is now failed by this call
	 */
	boolean abandon(long id, String reason) {
		return this.mustFinish.evenIfInterrupted(() -> this.orders.markAbandoned(id, shorten(reason))) == 1;
	}

	private static String shorten(String reason) {
		return (reason.length() > 300) ? reason.substring(0, 297) + "..." : reason;
	}

	/**
	 * An order of a customer with its items.
	 * @param id the order's id
	 * @param customer the customer asking
	 * @return the order
	 * @throws OrderNotFoundException if the customer has none with that id (another customer's
	 * order is not found either: its existence is none of the caller's business)
	 */
	@Transactional(readOnly = true)
	public OrderView find(long id, String customer) {
		Order order = this.orders.findById(id)
			.filter((found) -> found.customer().equals(customer))
			.orElseThrow(() -> new OrderNotFoundException(id));
		return withItems(List.of(order)).get(0);
	}

	/**
	 * The newest {@code PENDING} orders of all customers (at most {@value #MAX_PENDING}), for the
	 * administrator. A blocking method with method security: the bridge checks
	 * {@code @PreAuthorize} against the request's authentication before the method runs.
	 * @return the orders, newest first
	 * @throws org.springframework.security.access.AccessDeniedException ({@code 403}) unless the
	 * caller has the role {@code ADMIN}
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public List<OrderView> findPending() {
		return withItems(this.orders.findNewestPending(MAX_PENDING));
	}

	/**
	 * All orders of a customer, oldest first, without their items, read from a database cursor as
	 * the caller takes them: a million orders pass through a small heap. The stream holds a database
	 * connection until it is closed or read to its end; closing it early stops the query. Not
	 * {@code @Transactional}: a transaction would end when this method returns, before the stream is
	 * read.
	 * @param customer the customer's name
	 * @return the orders, to be closed after use
	 */
	public Stream<Order> export(String customer) {
		return this.database
			.sql("SELECT id, customer, status, delivery_minutes, failure, created_at FROM sample_orders "
					+ "WHERE customer = :customer ORDER BY id")
			.bind("customer", customer)
			.mapProperties(Order.class)
			.stream();
	}

	/**
	 * One page of a customer's orders, newest first. Reads at most {@code size + 1} orders and the
	 * items of at most {@code size}.
	 * @param customer the customer's name
	 * @param page the page, from 0
	 * @param size the orders per page
	 * @return the page
	 */
	@Transactional(readOnly = true)
	public OrdersPage findByCustomer(String customer, int page, int size) {
		List<Order> orders = this.orders.findPage(customer, size + 1, (long) page * size);
		boolean hasMore = orders.size() > size;
		return new OrdersPage(withItems(hasMore ? orders.subList(0, size) : orders), page, size, hasMore);
	}

	private List<OrderView> withItems(List<Order> orders) {
		Map<Long, List<String>> itemsByOrder = new LinkedHashMap<>();
		orders.forEach((order) -> itemsByOrder.put(order.requiredId(), new ArrayList<>()));
		if (!orders.isEmpty()) {
			for (OrderItem item : this.items.findByOrderIdInOrderByOrderIdAscItemIndexAsc(itemsByOrder.keySet())) {
				itemsByOrder.get(item.orderId()).add(item.name());
			}
		}
		return orders.stream().map((order) -> OrderView.of(order, itemsByOrder.get(order.requiredId()))).toList();
	}

}
