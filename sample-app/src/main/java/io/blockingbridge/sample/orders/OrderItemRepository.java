package io.blockingbridge.sample.orders;

import java.util.Collection;
import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

/**
 * The items of orders: a blocking Spring Data repository, implemented by Blocking Bridge over R2DBC.
 */
public interface OrderItemRepository extends ListCrudRepository<OrderItem, Long> {

	/**
	 * The items of some orders.
	 * @param orderIds the orders' ids
	 * @return their items, by order and position
	 */
	List<OrderItem> findByOrderIdInOrderByOrderIdAscItemIndexAsc(Collection<Long> orderIds);

}
