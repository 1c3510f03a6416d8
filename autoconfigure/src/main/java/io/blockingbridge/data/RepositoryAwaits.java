package io.blockingbridge.data;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeSettings;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The awaits of blocking repositories, under the time limit of the application that created them
 * ({@link BridgeSettings#scopeTimeout()}, docs/bridge.md "Time limits").
 */
final class RepositoryAwaits {

	private final BridgeSettings settings;

	RepositoryAwaits(BridgeSettings settings) {
		this.settings = settings;
	}

	<T> @Nullable T one(Mono<T> mono) {
		return Bridge.await(mono, this.settings.scopeTimeout());
	}

	<T> Optional<T> optional(Mono<T> mono) {
		return Optional.ofNullable(one(mono));
	}

	<T> List<T> all(Flux<T> flux) {
		List<T> values = one(flux.collectList());
		return (values != null) ? values : List.of();
	}

	<T> Stream<T> stream(Flux<T> flux) {
		return Bridge.stream(flux, this.settings.scopeTimeout());
	}

}
