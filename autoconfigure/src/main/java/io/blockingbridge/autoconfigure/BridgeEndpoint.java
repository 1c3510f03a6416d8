package io.blockingbridge.autoconfigure;

import java.util.List;

import io.blockingbridge.web.BlockingStyleRequests;
import io.blockingbridge.web.InFlightRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The actuator endpoint {@code bridge}: a live view of the blocking-style requests in flight,
 * ({@code @BlockingStyle} controller methods and {@code BlockingHandlers} functions), oldest first,
 * each with its HTTP method and path (no query string, headers or body), controller method or route,
 * elapsed time, thread, the application's frame where it waits and what it awaits. Exposed
 * over HTTP like any endpoint, only when listed in {@code management.endpoints.web.exposure.include}.
 */
@Endpoint(id = "bridge")
public class BridgeEndpoint {

	private final BlockingStyleRequests requests;

	/**
	 * Create the endpoint.
	 * @param requests the registry of requests in flight
	 */
	public BridgeEndpoint(BlockingStyleRequests requests) {
		this.requests = requests;
	}

	/**
	 * List the blocking-style requests in flight.
	 * @return the requests, oldest first
	 */
	@ReadOperation
	public BridgeRequests requests() {
		List<BridgeRequest> views = this.requests.inFlight().stream().map(BridgeRequest::of).toList();
		return new BridgeRequests(views.size(), views);
	}

	/**
	 * The blocking-style requests in flight.
	 *
	 * @param count how many there are
	 * @param requests the requests, oldest first
	 */
	public record BridgeRequests(int count, List<BridgeRequest> requests) implements OperationResponseBody {

	}

	/**
	 * One blocking-style request in flight (see {@link InFlightRequest}).
	 *
	 * @param method the HTTP method
	 * @param path the path, without the query string
	 * @param handler the controller method, or the route of a functional endpoint
	 * @param startedAt when it started, ISO-8601
	 * @param elapsedMillis how long it has been running, in milliseconds
	 * @param thread the name of its virtual thread
	 * @param waitingAt the application's frame where it waits, if any
	 * @param awaiting what it awaits, if it is in an await
	 */
	public record BridgeRequest(String method, String path, String handler, String startedAt, long elapsedMillis,
			String thread, @Nullable String waitingAt, @Nullable String awaiting) {

		static BridgeRequest of(InFlightRequest request) {
			return new BridgeRequest(request.method(), request.path(), request.handler(),
					request.startedAt().toString(), request.elapsed().toMillis(), request.thread(), request.waitingAt(),
					request.awaiting());
		}

	}

}
