package io.blockingbridge.benchmarks.webflux;

/**
 * What every variant answers for an order.
 *
 * @param customer who ordered
 * @param dish the dish's name
 * @param price the dish's price
 * @param mins when the kitchen says it will be ready
 */
public record OrderReply(String customer, String dish, int price, int mins) {
}
