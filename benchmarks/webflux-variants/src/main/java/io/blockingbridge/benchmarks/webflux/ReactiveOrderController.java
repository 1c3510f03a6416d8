package io.blockingbridge.benchmarks.webflux;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Profile;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Variant A, the baseline: the order endpoint as a hand-written Mono chain.
 */
@RestController
@Profile("A")
class ReactiveOrderController {

	private final DatabaseClient database;

	private final WebClient kitchen;

	ReactiveOrderController(DatabaseClient database, WebClient kitchen) {
		this.database = database;
		this.kitchen = kitchen;
	}

	@GetMapping("/order")
	Mono<OrderReply> order(@RequestParam String customer, @RequestParam int item) {
		return this.database.sql(OrderStatements.SELECT_MENU_ITEM)
			.bind("id", item)
			.map(MenuItem::fromRow)
			.one()
			.flatMap((dish) -> this.database.sql(OrderStatements.INSERT_ORDER)
				.bind("item", item)
				.bind("customer", customer)
				.fetch()
				.rowsUpdated()
				.then(this.kitchen.get().uri(OrderStatements.KITCHEN_PATH, item).retrieve().bodyToMono(KitchenTicket.class))
				.map((ticket) -> new OrderReply(customer, dish.name(), dish.price(), ticket.mins())));
	}

}
