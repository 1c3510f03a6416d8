package io.blockingbridge.sample.kitchen;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.blockingbridge.core.BridgeInterruptedException;
import io.blockingbridge.core.BridgeTimeoutException;
import io.blockingbridge.http.BlockingClientResponse;
import io.blockingbridge.http.BlockingWebClient;
import io.blockingbridge.sample.MustFinish;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ExchangeFilterFunctions;
import org.springframework.web.reactive.function.client.WebClientException;

/**
 * Sends orders to the kitchen with {@link BlockingWebClient}: the calling virtual thread parks
 * while Reactor Netty does the HTTP exchange. Each request is authenticated with the kitchen's
 * credential (HTTP Basic, user {@value #KITCHEN_USER}, {@code kitchen.password}), also outside of
 * requests (recovery).
 */
@Component
public class KitchenClient {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	/** The user name of the kitchen's credential. */
	public static final String KITCHEN_USER = "kitchen";

	private final BlockingWebClient client;

	private final KitchenProperties properties;

	private final WebServerApplicationContext application;

	KitchenClient(BlockingWebClient.Builder builder, KitchenProperties properties,
			WebServerApplicationContext application) {
		// Every kitchen request carries the kitchen's own credential (not the customer's).
		this.client = builder.timeout(properties.timeout())
			.filter(ExchangeFilterFunctions.basicAuthentication(KITCHEN_USER, properties.password()))
			.build();
		this.properties = properties;
		this.application = application;
	}

	/**
	 * Asks the kitchen to cook an order and waits for its answer, at most {@code kitchen.timeout}.
	 * The order id is the kitchen's idempotency key: sending the same order again gets the same
	 * answer and does not cook it twice.
	 * @param orderId the order's id
	 * @param customer the customer's name
	 * @param items what to cook
	 * @return whether the kitchen accepted it; any answer but {@code 201 {"mins": N}}, no answer in
	 * time, and a failure to reach the kitchen are {@link KitchenAnswer.NotAccepted}
	 * @throws io.blockingbridge.core.BridgeInterruptedException if the calling thread is interrupted
	 * (its own client went away); the exchange is cancelled
	 */
	public KitchenAnswer send(long orderId, String customer, List<String> items) {
		try {
			return this.client.post()
				.uri(kitchenUrl() + "/kitchen/orders")
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.body(new KitchenOrder(orderId, customer, items))
				.exchange((request, response) -> read(response));
		}
		catch (BridgeTimeoutException ex) {
			return new KitchenAnswer.NotAccepted("the kitchen did not answer within " + ex.getTimeout().toMillis() + " ms");
		}
		catch (WebClientException ex) {
			return new KitchenAnswer.NotAccepted("the kitchen could not be reached: " + ex.getMessage());
		}
	}

	/**
	 * Tells the kitchen not to cook an order (or to stop): {@code DELETE /kitchen/orders/{id}}, which
	 * the kitchen treats idempotently. Runs even when the calling thread was interrupted (its client
	 * went away), at most {@code kitchen.timeout}.
	 * @param orderId the order's id
	 * @return {@code null} if the kitchen confirmed the cancellation, otherwise why it did not
	 */
	public @Nullable String cancel(long orderId) {
		return MustFinish.evenIfInterrupted(() -> {
			try {
				return this.client.delete()
					.uri(kitchenUrl() + "/kitchen/orders/{id}", orderId)
					.exchange((request, response) -> response.statusCode().is2xxSuccessful() ? null
							: "the kitchen answered " + response.statusCode() + " to the cancellation");
			}
			catch (BridgeTimeoutException ex) {
				return "the kitchen did not confirm the cancellation within " + ex.getTimeout().toMillis() + " ms";
			}
			catch (WebClientException ex) {
				return "the kitchen could not be reached to cancel: " + ex.getMessage();
			}
		});
	}

	private static KitchenAnswer read(BlockingClientResponse response) {
		if (!response.statusCode().isSameCodeAs(HttpStatus.CREATED)) {
			return new KitchenAnswer.NotAccepted("the kitchen answered " + response.statusCode());
		}
		Map<String, Object> json;
		try {
			json = response.bodyTo(JSON_OBJECT);
		}
		catch (BridgeTimeoutException | BridgeInterruptedException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// Not JSON, or not an object: the codecs say so with a DecodingException or similar.
			return new KitchenAnswer.NotAccepted("the kitchen's answer was not a JSON object");
		}
		if (json != null && json.get("mins") instanceof Integer minutes && minutes >= 0) {
			return new KitchenAnswer.Accepted(minutes, json);
		}
		return new KitchenAnswer.NotAccepted("the kitchen answered 201 without a whole number of minutes: " + json);
	}

	private String kitchenUrl() {
		URI url = this.properties.url();
		if (url != null) {
			String base = url.toString();
			return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		}
		return "http://127.0.0.1:" + this.application.getWebServer().getPort();
	}

}
