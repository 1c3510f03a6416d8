package io.blockingbridge.sample;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@link MustFinish}.
 *
 * @param timeLimit the shortest time limit that must-finish work runs with (a write that decides an
 * order's fate, a kitchen cancellation): long enough to learn what really happened in all but broken
 * conditions. Keep it apart from {@code server.netty.idle-timeout} (30 s): a pooled client
 * connection that sat idle exactly that long is closed by the server just as it is used again.
 */
@ConfigurationProperties("sample.must-finish")
public record MustFinishProperties(@DefaultValue("25s") Duration timeLimit) {
}
