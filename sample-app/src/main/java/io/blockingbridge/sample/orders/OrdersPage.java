package io.blockingbridge.sample.orders;

import java.util.List;

/**
 * One page of a customer's orders, newest first: the answer of
 * {@code GET /orders?customer=NAME&page=N&size=M}.
 *
 * @param orders the orders of this page, at most {@code size}
 * @param page the page, from 0
 * @param size the orders per page asked for
 * @param hasMore whether there are older orders on later pages
 */
public record OrdersPage(List<OrderView> orders, int page, int size, boolean hasMore) {
}
