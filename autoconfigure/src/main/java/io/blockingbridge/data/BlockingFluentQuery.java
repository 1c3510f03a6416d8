package io.blockingbridge.data;

import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.query.FluentQuery.FetchableFluentQuery;
import org.springframework.data.repository.query.FluentQuery.ReactiveFluentQuery;
import org.springframework.util.Assert;

/**
 * The blocking {@link FetchableFluentQuery} of Query by Example: each option is passed on to Spring
 * Data R2DBC's {@link ReactiveFluentQuery}, each terminal operation awaits the reactive one. A
 * {@link #limit(int) limit}, which Spring Data R2DBC applies only to {@code scroll}, also limits
 * {@code all()} and {@code stream()} here, as {@code FluentQuery} promises.
 *
 * @param <T> the type of the results
 */
final class BlockingFluentQuery<T> implements FetchableFluentQuery<T> {

	static final String KEYSET_UNSUPPORTED = "Spring Data R2DBC scrolls by offset only; use an "
			+ "OffsetScrollPosition (ScrollPosition.offset()) or a Pageable";

	private final ReactiveFluentQuery<T> reactive;

	private final RepositoryAwaits awaits;

	/** The {@link #limit(int)}, 0 for none. */
	private final int limit;

	BlockingFluentQuery(ReactiveFluentQuery<T> reactive, RepositoryAwaits awaits) {
		this(reactive, awaits, 0);
	}

	private BlockingFluentQuery(ReactiveFluentQuery<T> reactive, RepositoryAwaits awaits, int limit) {
		this.reactive = reactive;
		this.awaits = awaits;
		this.limit = limit;
	}

	@Override
	public FetchableFluentQuery<T> sortBy(Sort sort) {
		return new BlockingFluentQuery<>(this.reactive.sortBy(sort), this.awaits, this.limit);
	}

	@Override
	public FetchableFluentQuery<T> limit(int limit) {
		return new BlockingFluentQuery<>(this.reactive.limit(limit), this.awaits, limit);
	}

	@Override
	public <R> FetchableFluentQuery<R> as(Class<R> resultType) {
		return new BlockingFluentQuery<>(this.reactive.as(resultType), this.awaits, this.limit);
	}

	@Override
	public FetchableFluentQuery<T> project(Collection<String> properties) {
		return new BlockingFluentQuery<>(this.reactive.project(properties), this.awaits, this.limit);
	}

	@Override
	public @Nullable T oneValue() {
		return this.awaits.one(this.reactive.one());
	}

	@Override
	public @Nullable T firstValue() {
		return this.awaits.one(this.reactive.first());
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Spring Data R2DBC puts a {@link #limit(int)} into the SQL only when scrolling; here the
	 * reading stops after that many rows.
	 */
	@Override
	public List<T> all() {
		return this.awaits.all(limited(this.reactive.all()));
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Spring Data R2DBC scrolls by offset only: a {@link KeysetScrollPosition} throws an
	 * {@link UnsupportedOperationException}.
	 */
	@Override
	public Window<T> scroll(ScrollPosition scrollPosition) {
		Assert.notNull(scrollPosition, "ScrollPosition must not be null");
		if (scrollPosition instanceof KeysetScrollPosition) {
			throw new UnsupportedOperationException(KEYSET_UNSUPPORTED);
		}
		return required(this.awaits.one(this.reactive.scroll(scrollPosition)));
	}

	@Override
	public Page<T> page(Pageable pageable) {
		return required(this.awaits.one(this.reactive.page(pageable)));
	}

	@Override
	public Slice<T> slice(Pageable pageable) {
		return required(this.awaits.one(this.reactive.slice(pageable)));
	}

	@Override
	public Stream<T> stream() {
		return this.awaits.stream(limited(this.reactive.all()));
	}

	private Flux<T> limited(Flux<T> all) {
		return (this.limit > 0) ? all.take(this.limit) : all;
	}

	@Override
	public long count() {
		return required(this.awaits.one(this.reactive.count()));
	}

	@Override
	public boolean exists() {
		return required(this.awaits.one(this.reactive.exists()));
	}

	private static <V> V required(@Nullable V value) {
		Assert.state(value != null, "The reactive query completed without a value");
		return value;
	}

}
