package io.blockingbridge.sample.orders;

import java.util.List;

import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

/**
 * The orders: a blocking Spring Data repository, implemented by Blocking Bridge over R2DBC. Each
 * call parks the calling virtual thread while R2DBC does the I/O.
 */
public interface OrderRepository extends ListCrudRepository<Order, Long> {

	/**
	 * One page of a customer's orders, newest first.
	 * @param customer the customer's name
	 * @param limit how many orders at most
	 * @param offset how many of the newest orders to skip
	 * @return the orders
	 */
	@Query("SELECT * FROM sample_orders WHERE customer = :customer ORDER BY id DESC LIMIT :limit OFFSET :offset")
	List<Order> findPage(String customer, int limit, long offset);

	/**
	 * The newest {@code PENDING} orders of all customers.
	 * @param limit how many orders at most
	 * @return the orders, newest first
	 */
	@Query("SELECT * FROM sample_orders WHERE status = 'PENDING' ORDER BY id DESC LIMIT :limit")
	List<Order> findNewestPending(int limit);

	/**
	 * Marks a pending order accepted. An order that is no longer pending is left alone.
	 * @param id the order's id
	 * @param minutes the minutes until delivery
	 * @return the number of orders changed (0 or 1)
	 */
	@Modifying
	@Query("UPDATE sample_orders SET status = 'ACCEPTED', delivery_minutes = :minutes WHERE id = :id AND status = 'PENDING'")
	int markAccepted(long id, int minutes);

	/**
	 * Marks a pending order failed. An order that is no longer pending is left alone, so an accepted
	 * order is never turned into a failed one.
	 * @param id the order's id
	 * @param failure why it failed
	 * @return the number of orders changed (0 or 1)
	 */
	@Modifying
	@Query("UPDATE sample_orders SET status = 'FAILED', failure = :failure WHERE id = :id AND status = 'PENDING'")
	int markFailed(long id, String failure);

	/**
	 * Marks an order failed whose request gave up after the kitchen was told to cancel it, whether
	 * its acceptance was stored or not (a write that failed may still have happened). Only the request
	 * that placed the order calls this, before answering anything but {@code 201}.
	 * @param id the order's id
	 * @param failure why it failed
	 * @return the number of orders changed (0 or 1)
	 */
	@Modifying
	@Query("UPDATE sample_orders SET status = 'FAILED', delivery_minutes = NULL, failure = :failure WHERE id = :id AND status IN ('PENDING', 'ACCEPTED')")
	int markAbandoned(long id, String failure);

}
