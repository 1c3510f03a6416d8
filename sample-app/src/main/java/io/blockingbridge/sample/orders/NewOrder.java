package io.blockingbridge.sample.orders;

import java.util.List;

import io.blockingbridge.sample.StorableText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /orders}.
 *
 * @param customer the name of a known customer
 * @param items what to deliver, 1 to 20 names of dishes
 * (both without NUL characters or unpaired surrogates, which no database can store)
 */
public record NewOrder(@NotBlank @Size(max = 40) @StorableText String customer,
		@NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 100) @StorableText String> items) {
}
