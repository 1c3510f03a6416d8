package io.blockingbridge.benchmarks.webflux;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;

/**
 * A row of the menu table.
 *
 * @param name the dish's name
 * @param price the dish's price
 */
public record MenuItem(String name, int price) {

	/**
	 * Read a menu row.
	 * @param row the row
	 * @param metadata the row's metadata
	 * @return the dish
	 */
	static MenuItem fromRow(Row row, RowMetadata metadata) {
		return new MenuItem(row.get("name", String.class), row.get("price", Integer.class));
	}

}
