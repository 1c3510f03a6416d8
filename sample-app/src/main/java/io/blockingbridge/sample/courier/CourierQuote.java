package io.blockingbridge.sample.courier;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * What the courier service is asked: the body of {@code POST /courier/quotes}.
 *
 * @param orderId the order's id
 * @param customer the customer's name, where the courier delivers
 */
public record CourierQuote(@NotNull Long orderId, @NotBlank String customer) {
}
