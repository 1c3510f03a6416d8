package io.blockingbridge.sample.courier;

import java.net.URI;
import java.util.Map;

import io.blockingbridge.core.BridgeInterruptedException;
import io.blockingbridge.core.BridgeTimeoutException;
import io.blockingbridge.http.BlockingClientResponse;
import io.blockingbridge.http.BlockingWebClient;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClientException;

/**
 * Asks the courier service when a courier can pick an order up, with {@link BlockingWebClient}:
 * the calling virtual thread parks while Reactor Netty does the HTTP exchange.
 */
@Component
public class CourierClient {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private final BlockingWebClient client;

	private final CourierProperties properties;

	private final WebServerApplicationContext application;

	CourierClient(BlockingWebClient.Builder builder, CourierProperties properties,
			WebServerApplicationContext application) {
		this.client = builder.timeout(properties.timeout()).build();
		this.properties = properties;
		this.application = application;
	}

	/**
	 * Asks for a courier for an order and waits for the answer, at most {@code courier.timeout}.
	 * @param orderId the order's id
	 * @param customer the customer's name
	 * @return the minutes until a courier picks the order up
	 * @throws CourierUnavailableException if no courier can take it: any answer but
	 * {@code 200 {"mins": N}}, no answer in time, or a failure to reach the service
	 * @throws BridgeInterruptedException if the calling thread is interrupted (its own client went
	 * away, or the kitchen failed meanwhile); the exchange is cancelled
	 */
	public int eta(long orderId, String customer) {
		try {
			return this.client.post()
				.uri(courierUrl() + "/courier/quotes")
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.body(new CourierQuote(orderId, customer))
				.exchange((request, response) -> read(response));
		}
		catch (BridgeTimeoutException ex) {
			throw new CourierUnavailableException("the courier service did not answer within "
					+ ex.getTimeout().toMillis() + " ms");
		}
		catch (WebClientException ex) {
			throw new CourierUnavailableException("the courier service could not be reached: " + ex.getMessage());
		}
	}

	private static int read(BlockingClientResponse response) {
		if (!response.statusCode().isSameCodeAs(HttpStatus.OK)) {
			throw new CourierUnavailableException("the courier service answered " + response.statusCode());
		}
		Map<String, Object> json;
		try {
			json = response.bodyTo(JSON_OBJECT);
		}
		catch (BridgeTimeoutException | BridgeInterruptedException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new CourierUnavailableException("the courier service's answer was not a JSON object");
		}
		if (json != null && json.get("mins") instanceof Integer minutes && minutes >= 0) {
			return minutes;
		}
		throw new CourierUnavailableException("the courier service answered without a whole number of minutes: " + json);
	}

	private String courierUrl() {
		URI url = this.properties.url();
		if (url != null) {
			String base = url.toString();
			return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		}
		return "http://127.0.0.1:" + this.application.getWebServer().getPort();
	}

}
