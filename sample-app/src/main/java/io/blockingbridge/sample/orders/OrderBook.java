package io.blockingbridge.sample.orders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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
	 * @throws IllegalStateException if the order was not pending
	 */
	public void accept(long id, int minutes) {
		if (evenIfInterrupted(() -> this.orders.markAccepted(id, minutes)) != 1) {
			throw new IllegalStateException("Order #" + id + " is no longer pending");
		}
	}

	/**
	 * Marks a pending order failed; an order that is no longer pending is left as it is. Runs even
	 * when the calling thread has been interrupted, so that an abandoned request does not leave its
	 * order pending.
	 * @param id the order's id
	 * @param reason why it failed
	 */
	public void fail(long id, String reason) {
		String failure = (reason.length() > 300) ? reason.substring(0, 297) + "..." : reason;
		evenIfInterrupted(() -> this.orders.markFailed(id, failure));
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
	 * A customer's orders, newest first.
	 * @param customer the customer's name
	 * @return the orders with their items
	 * @throws UnknownCustomerException ({@code 404}) if the customer is not known
	 */
	@Transactional(readOnly = true)
	public List<OrderView> findByCustomer(String customer) {
		this.customers.require(customer);
		return withItems(this.orders.findByCustomerOrderByIdDesc(customer));
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

	/**
	 * Runs a write that must happen even if the thread was interrupted: an await on an interrupted
	 * thread fails at once, so the interrupt flag is cleared for the write and set again afterwards.
	 */
	private static <T> T evenIfInterrupted(Supplier<T> write) {
		boolean interrupted = Thread.interrupted();
		try {
			return write.get();
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
