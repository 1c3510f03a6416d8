package io.blockingbridge.benchmarks.webflux;

/**
 * The SQL every variant runs for an order: one read and one insert.
 */
public final class OrderStatements {

	/** Reads the ordered dish. */
	public static final String SELECT_MENU_ITEM = "SELECT name, price FROM bench_menu WHERE id = :id";

	/** Records the order. */
	public static final String INSERT_ORDER = "INSERT INTO bench_orders (menu_id, customer) VALUES (:item, :customer)";

	/** The kitchen stub's path. */
	public static final String KITCHEN_PATH = "/cook?item={item}";

	private OrderStatements() {
	}

}
