package io.blockingbridge.benchmarks.webflux;

import io.blockingbridge.http.BlockingWebClient;
import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.blockingbridge.web.BlockingStyle;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Variant B: the order endpoint in blocking style on Blocking Bridge, with its blocking database and
 * HTTP clients.
 */
@RestController
@Profile("B")
@BlockingStyle
class BridgeOrderController {

	private final BlockingDatabaseClient database;

	private final BlockingWebClient kitchen;

	BridgeOrderController(BlockingDatabaseClient database, BlockingWebClient.Builder builder,
			@Value("${kitchen.url:http://127.0.0.1:8090}") String kitchenUrl) {
		this.database = database;
		this.kitchen = builder.baseUrl(kitchenUrl).build();
	}

	@GetMapping("/order")
	OrderReply order(@RequestParam String customer, @RequestParam int item) {
		MenuItem dish = this.database.sql(OrderStatements.SELECT_MENU_ITEM)
			.bind("id", item)
			.map(MenuItem::fromRow)
			.one()
			.orElseThrow();
		this.database.sql(OrderStatements.INSERT_ORDER).bind("item", item).bind("customer", customer).fetch().rowsUpdated();
		KitchenTicket ticket = this.kitchen.get().uri(OrderStatements.KITCHEN_PATH, item).retrieve().body(KitchenTicket.class);
		return new OrderReply(customer, dish.name(), dish.price(), ticket.mins());
	}

}
