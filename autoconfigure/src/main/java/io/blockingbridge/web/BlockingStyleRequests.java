package io.blockingbridge.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.blockingbridge.core.AwaitObserver;
import org.jspecify.annotations.Nullable;

/**
 * The blocking-style requests in flight in one application ({@link BlockingStyle @BlockingStyle}
 * controller methods and {@link BlockingHandlers} functions): what the gauge
 * {@code bridge.requests.active} counts and the live view of blocked requests (the actuator
 * endpoint {@code bridge}) lists. Also carries the observers that metrics use: the
 * {@link BlockingStyleRequestListener} told how each request ends and the {@link AwaitObserver}
 * put into each request's Reactor Context.
 * <p>
 * Keeping track costs one add to and one remove from a concurrent set per request; listing the
 * requests takes a stack trace of each request's thread and is meant for an operator looking, not
 * for a hot path.
 */
public final class BlockingStyleRequests {

	private final Set<BlockingStyleRequest<?>> inFlight = ConcurrentHashMap.newKeySet();

	private final @Nullable BlockingStyleRequestListener listener;

	private final @Nullable AwaitObserver awaitObserver;

	/**
	 * Create a registry without observers.
	 */
	public BlockingStyleRequests() {
		this(null, null);
	}

	/**
	 * Create a registry with the given observers.
	 * @param listener told how each request ends, if any
	 * @param awaitObserver told how each await in a request ends, if any
	 */
	public BlockingStyleRequests(@Nullable BlockingStyleRequestListener listener, @Nullable AwaitObserver awaitObserver) {
		this.listener = listener;
		this.awaitObserver = awaitObserver;
	}

	/**
	 * Return how many blocking-style requests are in flight.
	 * @return the number of requests
	 */
	public int count() {
		return this.inFlight.size();
	}

	/**
	 * Return the blocking-style requests in flight, oldest first.
	 * @return a snapshot of the requests
	 */
	public List<InFlightRequest> inFlight() {
		List<BlockingStyleRequest<?>> requests = new ArrayList<>(this.inFlight);
		requests.sort(Comparator.comparingLong(BlockingStyleRequest::startNanos));
		long now = System.nanoTime();
		Instant wallNow = Instant.now();
		List<InFlightRequest> views = new ArrayList<>(requests.size());
		for (BlockingStyleRequest<?> request : requests) {
			Duration elapsed = Duration.ofNanos(Math.max(0, now - request.startNanos()));
			views.add(new InFlightRequest(request.httpMethod(), request.path(), request.handler(),
					wallNow.minus(elapsed), elapsed, request.threadName(), UserFrames.firstOf(request.stackTrace()),
					request.awaitingDescription()));
		}
		return views;
	}

	@Nullable AwaitObserver awaitObserver() {
		return this.awaitObserver;
	}

	void started(BlockingStyleRequest<?> request) {
		this.inFlight.add(request);
	}

	void ended(BlockingStyleRequest<?> request, RequestOutcome outcome) {
		if (this.inFlight.remove(request) && this.listener != null) {
			this.listener.requestEnded(request.handler(), outcome, System.nanoTime() - request.startNanos());
		}
	}

}
