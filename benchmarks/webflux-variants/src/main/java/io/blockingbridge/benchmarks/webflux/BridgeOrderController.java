package io.blockingbridge.benchmarks.webflux;

import java.util.function.IntFunction;

import io.blockingbridge.http.BlockingWebClient;
import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.blockingbridge.web.BlockingStyle;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * Variant B: the order endpoint in blocking style on Blocking Bridge, with its blocking database and
 * HTTP clients. Variant BR (profiles {@code B,restclient}): the same with the kitchen called through
 * Spring's RestClient, from the injected builder, over the bridge's request factory.
 */
@RestController
@Profile("B")
@BlockingStyle
class BridgeOrderController {

	private final BlockingDatabaseClient database;

	private final IntFunction<KitchenTicket> kitchen;

	BridgeOrderController(BlockingDatabaseClient database, BlockingWebClient.Builder builder,
			ObjectProvider<RestClient.Builder> restClientBuilder,
			@Value("${kitchen.url:http://127.0.0.1:8090}") String kitchenUrl,
			@Value("${benchmark.kitchen-client:blocking-web-client}") String kitchenClient) {
		this.database = database;
		if ("rest-client".equals(kitchenClient)) {
			RestClient client = restClientBuilder.getObject().baseUrl(kitchenUrl).build();
			this.kitchen = (item) -> client.get().uri(OrderStatements.KITCHEN_PATH, item).retrieve().body(KitchenTicket.class);
		}
		else {
			BlockingWebClient client = builder.baseUrl(kitchenUrl).build();
			this.kitchen = (item) -> client.get().uri(OrderStatements.KITCHEN_PATH, item).retrieve().body(KitchenTicket.class);
		}
	}

	@GetMapping("/order")
	OrderReply order(@RequestParam String customer, @RequestParam int item) {
		MenuItem dish = this.database.sql(OrderStatements.SELECT_MENU_ITEM)
			.bind("id", item)
			.map(MenuItem::fromRow)
			.one()
			.orElseThrow();
		this.database.sql(OrderStatements.INSERT_ORDER).bind("item", item).bind("customer", customer).fetch().rowsUpdated();
		KitchenTicket ticket = this.kitchen.apply(item);
		return new OrderReply(customer, dish.name(), dish.price(), ticket.mins());
	}

}
