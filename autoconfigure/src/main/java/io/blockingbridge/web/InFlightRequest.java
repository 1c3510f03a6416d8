package io.blockingbridge.web;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A blocking-style request in flight, as the live view of blocked requests (the actuator endpoint
 * {@code bridge}) shows it. It holds no request body, header or query-string value.
 *
 * @param method the HTTP method
 * @param path the request path, without the query string
 * @param handler the controller method, such as {@code OrderController#place}, or the route of a
 * {@link BlockingHandlers} function, such as {@code GET /orders/{id}}
 * @param startedAt when the request started on its virtual thread
 * @param elapsed how long it has been running
 * @param thread the name of its virtual thread
 * @param waitingAt the application's own frame that waits (the first frame outside of the bridge,
 * Reactor, Spring and the JDK), such as {@code com.example.OrderController.place(OrderController.java:42)},
 * or {@code null} if the thread is not waiting in an await
 * @param awaiting what it awaits: the SQL of a database call, the method and URL of an HTTP call,
 * the description given with {@code Bridge.describe}, or "Mono"; {@code null} if not in an await
 */
public record InFlightRequest(String method, String path, String handler, Instant startedAt, Duration elapsed,
		String thread, @Nullable String waitingAt, @Nullable String awaiting) {

}
