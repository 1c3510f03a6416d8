package io.blockingbridge.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * Configuration properties of Blocking Bridge, under the {@code bridge} prefix.
 *
 * @param enabled Whether to switch the bridge on: @BlockingStyle controllers, the blocking clients
 * and transactions
 * @param timeout Time limit of every await that has none of its own, in the blocking-style requests
 * and transactions of this application (each application context keeps its own); on expiry the
 * awaited publisher is cancelled and a BridgeTimeoutException thrown; 0 means no limit. Commits and
 * rollbacks are not cut short by it
 * @param web Settings of blocking-style WebFlux handlers
 * @param http Settings of the HTTP clients over the bridge
 * @param r2dbc Settings of blocking-style R2DBC access and transactions
 * @param security Settings of Spring Security in blocking-style code
 * @param metrics Settings of the bridge's metrics
 * @param pinning Settings of the detection of virtual threads pinned to their carrier thread
 * @param websocket Settings of blocking-style WebSocket handlers
 */
@ConfigurationProperties("bridge")
public record BridgeProperties(boolean enabled, @DefaultValue("30s") Duration timeout, @DefaultValue Web web,
		@DefaultValue Http http, @DefaultValue R2dbc r2dbc, @DefaultValue Security security, @DefaultValue Metrics metrics,
		@DefaultValue Pinning pinning, @DefaultValue Websocket websocket) {

	/**
	 * Settings of blocking-style WebSocket handlers (BlockingWebSocketHandlers).
	 *
	 * @param maxSessions How many blocking-style WebSocket sessions may be open at once; a session
	 * beyond it is closed at once with 1013 (Try Again Later) without starting a virtual thread; 0
	 * means no limit. Sessions are not counted by bridge.web.max-concurrent-requests, so long-lived
	 * sessions never starve requests
	 */
	public record Websocket(@DefaultValue("0") int maxSessions) {

	}

	/**
	 * Settings of the bridge's metrics.
	 *
	 * @param enabled Whether to record bridge.requests, bridge.requests.active and bridge.awaits in
	 * the application's MeterRegistry, when it has one
	 */
	public record Metrics(@DefaultValue("true") boolean enabled) {

	}

	/**
	 * Settings of blocking-style WebFlux handlers.
	 *
	 * @param allNonReactive Whether every controller method with a non-reactive return type runs in
	 * blocking style on a virtual thread, with or without @BlockingStyle (except Kotlin suspend
	 * functions, and methods that an executor configured with
	 * WebFluxConfigurer.configureBlockingExecution runs, or that its predicate refuses)
	 * @param maxConcurrentRequests How many blocking-style requests (controller methods and
	 * BlockingHandlers functions) may be in flight at once; a request beyond it is answered at once
	 * with 503 Service Unavailable and a problem detail, without starting a virtual thread; 0 means no
	 * limit
	 * @param retryAfter The delay that the Retry-After header of a 503 answer for too many concurrent
	 * requests asks clients to wait, in whole seconds (a value without unit means seconds)
	 * @param streamStallTimeout How long a streamed answer (a @BlockingStyle method that returned a
	 * Stream) waits for its client to take more; a client that takes nothing for this long (it
	 * stopped reading) has its stream closed (Stream.close() runs, a database cursor is given back)
	 * and its connection closed; 0 means waiting for ever
	 */
	public record Web(boolean allNonReactive, @DefaultValue("0") int maxConcurrentRequests,
			@DefaultValue("1s") @DurationUnit(ChronoUnit.SECONDS) Duration retryAfter,
			@DefaultValue("30s") Duration streamStallTimeout) {

	}

	/**
	 * Settings of the HTTP clients over the bridge.
	 *
	 * @param restClient Settings of Spring's RestClient over the bridge
	 */
	public record Http(@DefaultValue RestClient restClient) {

		/**
		 * Settings of Spring's RestClient over the bridge.
		 *
		 * @param enabled Whether the injected RestClient.Builder (and RestTemplateBuilder, and the
		 * HTTP service groups) send their requests through the application's WebClient, awaited by
		 * the bridge, unless the application chose its own request factory
		 */
		public record RestClient(@DefaultValue("true") boolean enabled) {

		}

	}

	/**
	 * Settings of blocking-style R2DBC access and transactions.
	 *
	 * @param guardConnections Whether a connection requested from a thread that runs a blocking
	 * transaction, but by a publisher subscribed outside of it (such as block() on a DatabaseClient
	 * call), fails with an IllegalTransactionStateException instead of running on a separate
	 * auto-commit connection; wraps ConnectionFactory beans to do so
	 */
	public record R2dbc(@DefaultValue("true") boolean guardConnections) {

	}

	/**
	 * Settings of Spring Security in blocking-style code.
	 *
	 * @param context Whether SecurityContextHolder holds the request's security context in
	 * blocking-style code (@BlockingStyle methods, BlockingHandlers functions, Bridge.spawn tasks of a
	 * request), resolved from the reactive security context on first access and dropped when the
	 * request's scope closes
	 * @param methodSecurity Whether @PreAuthorize, @PostAuthorize, @Secured, @PreFilter and @PostFilter
	 * work on methods with non-reactive return types in an application with @EnableReactiveMethodSecurity,
	 * and refusals in blocking-style requests answer 403 with a problem detail (401 through the
	 * application's authentication entry point without authentication)
	 * @param userDetails Whether the application's blocking UserDetailsService (and
	 * UserDetailsPasswordService) bean answers Spring Security WebFlux's user look-ups, run in blocking
	 * style on a virtual thread, when the application has no ReactiveUserDetailsService (or
	 * ReactiveUserDetailsPasswordService) of its own
	 */
	public record Security(@DefaultValue("true") boolean context, @DefaultValue("true") boolean methodSecurity,
			@DefaultValue("true") boolean userDetails) {

	}

	/**
	 * Settings of the detection of virtual threads pinned to their carrier thread, from the JDK
	 * Flight Recorder's jdk.VirtualThreadPinned events.
	 *
	 * @param detect Whether to count pinned virtual threads in the bridge.virtual-threads.pinned
	 * metric and log them; unset, detection is on when the application has a MeterRegistry (actuator
	 * metrics)
	 * @param threshold The shortest pinning that is counted and logged
	 * @param logInterval At most one warning about a pinned virtual thread is logged per interval;
	 * the next one says how many were left out
	 */
	public record Pinning(@Nullable Boolean detect, @DefaultValue("20ms") Duration threshold,
			@DefaultValue("1m") Duration logInterval) {

	}

}
