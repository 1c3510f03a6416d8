package io.blockingbridge.sample.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the HTTP server that Spring Boot has no property for (it has
 * {@code server.netty.idle-timeout}, {@code server.max-http-request-header-size} and
 * {@code spring.codec.max-in-memory-size}).
 *
 * @param readTimeout the longest pause between two reads of a request's body once its headers have
 * arrived; a client that stops sending is disconnected
 * @param requestTimeout the longest time for reading a whole request body
 */
@ConfigurationProperties("sample.server")
public record ServerLimitsProperties(@DefaultValue("20s") Duration readTimeout,
		@DefaultValue("60s") Duration requestTimeout) {
}
