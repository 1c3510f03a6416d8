package io.blockingbridge.benchmarks.mvc;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * Variant D's order endpoint: the same logic as the WebFlux variants, on JDBC and RestClient.
 */
@RestController
class MvcOrderController {

	private final JdbcClient database;

	private final RestClient kitchen;

	MvcOrderController(JdbcClient database, RestClient.Builder builder,
			@Value("${kitchen.url:http://127.0.0.1:8090}") String kitchenUrl) {
		this.database = database;
		this.kitchen = builder.baseUrl(kitchenUrl).build();
	}

	@GetMapping("/order")
	Map<String, Object> order(@RequestParam String customer, @RequestParam int item) {
		Map<String, Object> dish = this.database.sql("SELECT name, price FROM bench_menu WHERE id = :id")
			.param("id", item)
			.query()
			.singleRow();
		this.database.sql("INSERT INTO bench_orders (menu_id, customer) VALUES (:item, :customer)")
			.param("item", item)
			.param("customer", customer)
			.update();
		Ticket ticket = this.kitchen.get().uri("/cook?item={item}", item).retrieve().body(Ticket.class);
		return Map.of("customer", customer, "dish", dish.get("name"), "price", dish.get("price"), "mins",
				ticket.mins());
	}

	record Ticket(int mins) {
	}

}
