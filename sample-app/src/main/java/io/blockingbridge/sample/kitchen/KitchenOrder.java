package io.blockingbridge.sample.kitchen;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * What the kitchen is asked to cook: the body of {@code POST /kitchen/orders}.
 *
 * @param orderId the order's id
 * @param customer the customer's name
 * @param items what to cook
 */
public record KitchenOrder(@NotNull Long orderId, @NotBlank String customer, @NotEmpty List<@NotBlank String> items) {
}
