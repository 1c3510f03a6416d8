package io.blockingbridge.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration properties of Blocking Bridge, under the {@code bridge} prefix.
 *
 * @param enabled Whether to switch the bridge on: {@code @BlockingStyle} controllers, the blocking
 * clients and transactions
 * @param timeout Time limit of every await that has none of its own; on expiry the awaited
 * publisher is cancelled and a BridgeTimeoutException thrown; 0 means no limit
 * @param web Settings of blocking-style WebFlux handlers
 */
@ConfigurationProperties("bridge")
public record BridgeProperties(boolean enabled, @DefaultValue("30s") Duration timeout, @DefaultValue Web web) {

	/**
	 * Settings of blocking-style WebFlux handlers.
	 *
	 * @param allNonReactive Whether every controller method with a non-reactive return type runs in
	 * blocking style on a virtual thread, with or without @BlockingStyle
	 */
	public record Web(boolean allNonReactive) {

	}

}
