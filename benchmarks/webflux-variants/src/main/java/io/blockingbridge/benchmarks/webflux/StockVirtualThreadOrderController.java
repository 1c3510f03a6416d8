package io.blockingbridge.benchmarks.webflux;

import org.springframework.context.annotation.Profile;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Variant C: stock Spring Boot with {@code spring.threads.virtual.enabled=true}; a non-reactive
 * controller method runs on a virtual thread and calls {@code block()}.
 */
@RestController
@Profile("C")
class StockVirtualThreadOrderController {

	private final DatabaseClient database;

	private final WebClient kitchen;

	StockVirtualThreadOrderController(DatabaseClient database, WebClient kitchen) {
		this.database = database;
		this.kitchen = kitchen;
	}

	@GetMapping("/order")
	OrderReply order(@RequestParam String customer, @RequestParam int item) {
		MenuItem dish = this.database.sql(OrderStatements.SELECT_MENU_ITEM)
			.bind("id", item)
			.map(MenuItem::fromRow)
			.one()
			.block();
		this.database.sql(OrderStatements.INSERT_ORDER)
			.bind("item", item)
			.bind("customer", customer)
			.fetch()
			.rowsUpdated()
			.block();
		KitchenTicket ticket = this.kitchen.get()
			.uri(OrderStatements.KITCHEN_PATH, item)
			.retrieve()
			.bodyToMono(KitchenTicket.class)
			.block();
		return new OrderReply(customer, dish.name(), dish.price(), ticket.mins());
	}

}
