package io.blockingbridge.benchmarks.webflux;

/**
 * A row of the menu table.
 *
 * @param name the dish's name
 * @param price the dish's price
 */
public record MenuItem(String name, int price) {
}
