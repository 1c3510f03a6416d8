package io.blockingbridge.sample.orders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.blockingbridge.sample.MustFinish;
import io.blockingbridge.sample.customers.Customers;
import io.blockingbridge.sample.customers.UnknownCustomerException;

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

	private final Customers customers;

	OrderBook(OrderRepository orders, OrderItemRepository items, Customers customers) {
		this.orders = orders;
		this.items = items;
		this.customers = customers;
	}

	/**
	 * Saves a new order as {@code PENDING}, with its items, in one transaction.
	 * @param request the order
	 * @return the saved order
	 * @throws UnknownCustomerException ({@code 400}) if the customer is not known
	 */
	@Transactional
	public Order open(NewOrder request) {
		if (!this.customers.isKnown(request.customer())) {
			throw UnknownCustomerException.inRequestBody(request.customer());
		}
		Order order = this.orders.save(Order.pending(request.customer()));
		List<OrderItem> lines = new ArrayList<>();
		for (int index = 0; index < request.items().size(); index++) {
			lines.add(new OrderItem(null, order.requiredId(), index, request.items().get(index)));
		}
		this.items.saveAll(lines);
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
		return MustFinish.evenIfInterrupted(() -> this.orders.markAccepted(id, minutes)) == 1;
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
		return MustFinish.evenIfInterrupted(() -> this.orders.markFailed(id, shorten(reason))) == 1;
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
		return MustFinish.evenIfInterrupted(() -> this.orders.markAbandoned(id, shorten(reason))) == 1;
	}

	private static String shorten(String reason) {
		return (reason.length() > 300) ? reason.substring(0, 297) + "..." : reason;
	}

	/**
	 * An order with its items.
	 * @param id the order's id
	 * @return the order
	 * @throws OrderNotFoundException if there is none with that id
	 */
	@Transactional(readOnly = true)
	public OrderView find(long id) {
		Order order = this.orders.findById(id).orElseThrow(() -> new OrderNotFoundException(id));
		return withItems(List.of(order)).get(0);
	}

	/**
	 * One page of a customer's orders, newest first. Reads at most {@code size + 1} orders and the
	 * items of at most {@code size}.
	 * @param customer the customer's name
	 * @param page the page, from 0
	 * @param size the orders per page
	 * @return the page
	 * @throws UnknownCustomerException ({@code 404}) if the customer is not known
	 */
	@Transactional(readOnly = true)
	public OrdersPage findByCustomer(String customer, int page, int size) {
		this.customers.require(customer);
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
