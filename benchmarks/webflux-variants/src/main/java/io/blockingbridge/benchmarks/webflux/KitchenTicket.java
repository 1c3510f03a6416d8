package io.blockingbridge.benchmarks.webflux;

/**
 * The kitchen stub's answer.
 *
 * @param mins minutes until the order is ready
 */
public record KitchenTicket(int mins) {
}
