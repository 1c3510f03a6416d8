package io.blockingbridge.sample.orders;

import java.util.List;

import io.blockingbridge.sample.StorableText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /orders}.
 *
 * @param customer optional: the customer is always the logged-in one; a body that names another
 * customer is refused ({@code 403})
 * @param items what to deliver, 1 to 20 names of dishes
 * (both without NUL characters or unpaired surrogates, which no database can store)
 */
public record NewOrder(@Size(min = 1, max = 40) @StorableText @Nullable String customer,
		@NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 100) @StorableText String> items) {
}
