package io.blockingbridge.sample.kitchen;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.blockingbridge.core.BridgeInterruptedException;
import io.blockingbridge.core.BridgeTimeoutException;
import io.blockingbridge.http.BlockingClientResponse;
import io.blockingbridge.http.BlockingWebClient;
import io.blockingbridge.sample.MustFinish;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ExchangeFilterFunctions;
import org.springframework.web.reactive.function.client.WebClientException;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Sends orders to the kitchen with {@link BlockingWebClient}: the calling virtual thread parks
 * while Reactor Netty does the HTTP exchange. Each request is authenticated with the kitchen's
 * credential (HTTP Basic, user {@value #KITCHEN_USER}, {@code kitchen.password}), also outside of
 * requests (recovery).
 * <p>
 * The client keeps its own pool of connections to the kitchen, which closes a connection unused for
 * {@code kitchen.max-idle-time} (20 s): before the kitchen's server closes it
 * ({@code server.netty.idle-timeout}, 30 s), so that a request is not sent on a connection that the
 * server is closing at that moment. A cancellation that meets such a connection anyway (the request
 * failed before any answer) is sent again on a fresh one.
 */
@Component
public class KitchenClient implements DisposableBean {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	/** How often a cancellation is sent when no answer comes back. */
	static final int CANCEL_ATTEMPTS = 3;

	private static final Duration CANCEL_PAUSE = Duration.ofMillis(100);

	/** The user name of the kitchen's credential. */
	public static final String KITCHEN_USER = "kitchen";

	private final BlockingWebClient client;

	private final KitchenProperties properties;

	private final WebServerApplicationContext application;

	private final MustFinish mustFinish;

	private final ConnectionProvider connections;

	KitchenClient(BlockingWebClient.Builder builder, KitchenProperties properties,
			WebServerApplicationContext application, MustFinish mustFinish,
			ObjectProvider<ReactorResourceFactory> resources) {
		// As many connections as Reactor Netty's shared pool allows (500, and twice as many waiting).
		this.connections = ConnectionProvider.builder("kitchen")
			.maxConnections(500)
			.maxIdleTime(properties.maxIdleTime())
			.evictInBackground(properties.maxIdleTime().dividedBy(2))
			.build();
		HttpClient http = HttpClient.create(this.connections);
		ReactorResourceFactory factory = resources.getIfAvailable();
		if (factory != null) {
			http = http.runOn(factory.getLoopResources());
		}
		ReactorClientHttpConnector connector = new ReactorClientHttpConnector(http);
		// Every kitchen request carries the kitchen's own credential (not the customer's).
		this.client = builder.timeout(properties.timeout())
			.webClient((webClient) -> webClient.clientConnector(connector))
			.filter(ExchangeFilterFunctions.basicAuthentication(KITCHEN_USER, properties.password()))
			.build();
		this.properties = properties;
		this.application = application;
		this.mustFinish = mustFinish;
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
	 * went away), at most {@code kitchen.timeout} per attempt. A request that failed before any
	 * answer (a pooled connection the kitchen's server closed as it was sent, a refused connection)
	 * is sent again on a fresh connection, up to {@value #CANCEL_ATTEMPTS} times in all.
	 * @param orderId the order's id
	 * @return {@code null} if the kitchen confirmed the cancellation, otherwise why it did not
	 */
	public @Nullable String cancel(long orderId) {
		return this.mustFinish.evenIfInterrupted(() -> {
			for (int attempt = 1;; attempt++) {
				try {
					return this.client.delete()
						.uri(kitchenUrl() + "/kitchen/orders/{id}", orderId)
						.exchange((request, response) -> response.statusCode().is2xxSuccessful() ? null
								: "the kitchen answered " + response.statusCode() + " to the cancellation");
				}
				catch (BridgeTimeoutException ex) {
					return "the kitchen did not confirm the cancellation within " + ex.getTimeout().toMillis() + " ms";
				}
				catch (WebClientRequestException ex) {
					// No answer came: the DELETE is idempotent, so it is safe to send again.
					if (attempt == CANCEL_ATTEMPTS) {
						return "the kitchen could not be reached to cancel (" + attempt + " attempts): " + ex.getMessage();
					}
					try {
						Thread.sleep(CANCEL_PAUSE.multipliedBy(attempt));
					}
					catch (InterruptedException interrupted) {
						Thread.currentThread().interrupt();
						return "the cancellation was interrupted: " + ex.getMessage();
					}
				}
				catch (WebClientException ex) {
					return "the kitchen could not be reached to cancel: " + ex.getMessage();
				}
			}
		});
	}

	@Override
	public void destroy() {
		this.connections.dispose();
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
