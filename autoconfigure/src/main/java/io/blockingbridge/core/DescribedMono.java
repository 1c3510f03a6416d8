package io.blockingbridge.core;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;

/**
 * A Mono that says what it is, for the live view of blocked requests: the description's
 * {@code toString()} is only called when someone looks.
 *
 * @param <T> the type of the value
 */
final class DescribedMono<T> extends MonoOperator<T, T> {

	private final Object description;

	DescribedMono(Mono<? extends T> source, Object description) {
		super(source);
		this.description = description;
	}

	Object description() {
		return this.description;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		this.source.subscribe(actual);
	}

}
