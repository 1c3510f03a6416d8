package io.blockingbridge.data;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.blockingbridge.core.BridgeSettings;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Example;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.r2dbc.core.R2dbcEntityOperations;
import org.springframework.data.r2dbc.repository.support.SimpleR2dbcRepository;
import org.springframework.data.relational.core.query.Query;
import org.springframework.data.relational.repository.query.RelationalEntityInformation;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.data.repository.query.FluentQuery.FetchableFluentQuery;
import org.springframework.data.repository.query.FluentQuery.ReactiveFluentQuery;
import org.springframework.data.repository.query.ListQueryByExampleExecutor;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;

/**
 * The CRUD, sorting, paging and Query by Example methods of blocking-style repositories: each awaits
 * the corresponding call of Spring Data R2DBC's reactive {@link SimpleR2dbcRepository} (or, for
 * paging, of the {@link R2dbcEntityOperations}) through the bridge, within the current scope's
 * transaction. The fluent {@link #findBy(Example, Function)} query passes its options to the reactive
 * repository's fluent query and awaits its terminal operation; its {@code scroll} scrolls by offset,
 * as Spring Data R2DBC does.
 *
 * @param <T> the entity type
 * @param <ID> the type of the entity's identifier
 */
public class SimpleBlockingR2dbcRepository<T, ID> implements ListCrudRepository<T, ID>,
		ListPagingAndSortingRepository<T, ID>, ListQueryByExampleExecutor<T> {

	private final SimpleR2dbcRepository<T, ID> reactive;

	private final RelationalEntityInformation<T, ID> entity;

	private final R2dbcEntityOperations entityOperations;

	private RepositoryAwaits awaits = new RepositoryAwaits(BridgeSettings.defaults());

	/**
	 * Create a repository for the given entity.
	 * @param entity the entity's metadata
	 * @param entityOperations the R2DBC entity operations to run on
	 */
	public SimpleBlockingR2dbcRepository(RelationalEntityInformation<T, ID> entity,
			R2dbcEntityOperations entityOperations) {
		this.reactive = new SimpleR2dbcRepository<>(entity, entityOperations, entityOperations.getConverter());
		this.entity = entity;
		this.entityOperations = entityOperations;
	}

	/**
	 * Use the given settings of the application that creates the repository.
	 * @param settings the application's settings
	 */
	void setBridgeSettings(BridgeSettings settings) {
		this.awaits = new RepositoryAwaits(settings);
	}

	@Override
	public <S extends T> S save(S entity) {
		return required(this.reactive.save(entity));
	}

	@Override
	@Transactional
	public <S extends T> List<S> saveAll(Iterable<S> entities) {
		return this.awaits.all(this.reactive.saveAll(entities));
	}

	@Override
	public Optional<T> findById(ID id) {
		return this.awaits.optional(this.reactive.findById(id));
	}

	@Override
	public boolean existsById(ID id) {
		return required(this.reactive.existsById(id));
	}

	@Override
	public List<T> findAll() {
		return this.awaits.all(this.reactive.findAll());
	}

	@Override
	public List<T> findAllById(Iterable<ID> ids) {
		return this.awaits.all(this.reactive.findAllById(ids));
	}

	@Override
	public long count() {
		return required(this.reactive.count());
	}

	@Override
	public void deleteById(ID id) {
		this.awaits.one(this.reactive.deleteById(id));
	}

	@Override
	public void delete(T entity) {
		this.awaits.one(this.reactive.delete(entity));
	}

	@Override
	@Transactional
	public void deleteAllById(Iterable<? extends ID> ids) {
		this.awaits.one(this.reactive.deleteAllById(ids));
	}

	@Override
	@Transactional
	public void deleteAll(Iterable<? extends T> entities) {
		this.awaits.one(this.reactive.deleteAll(entities));
	}

	@Override
	public void deleteAll() {
		this.awaits.one(this.reactive.deleteAll());
	}

	@Override
	public List<T> findAll(Sort sort) {
		return this.awaits.all(this.reactive.findAll(sort));
	}

	@Override
	public Page<T> findAll(Pageable pageable) {
		Assert.notNull(pageable, "Pageable must not be null");
		Class<T> type = this.entity.getJavaType();
		List<T> content = this.awaits.all(this.entityOperations.select(Query.empty().with(pageable), type));
		return PageableExecutionUtils.getPage(content, pageable,
				() -> required(this.entityOperations.count(Query.empty(), type)));
	}

	@Override
	public <S extends T> Optional<S> findOne(Example<S> example) {
		return this.awaits.optional(this.reactive.findOne(example));
	}

	@Override
	public <S extends T> List<S> findAll(Example<S> example) {
		return this.awaits.all(this.reactive.findAll(example));
	}

	@Override
	public <S extends T> List<S> findAll(Example<S> example, Sort sort) {
		return this.awaits.all(this.reactive.findAll(example, sort));
	}

	@Override
	public <S extends T> Page<S> findAll(Example<S> example, Pageable pageable) {
		Assert.notNull(pageable, "Pageable must not be null");
		return findBy(example, (query) -> query.page(pageable));
	}

	@Override
	public <S extends T> long count(Example<S> example) {
		return required(this.reactive.count(example));
	}

	@Override
	public <S extends T> boolean exists(Example<S> example) {
		return required(this.reactive.exists(example));
	}

	@Override
	public <S extends T, R> R findBy(Example<S> example, Function<FetchableFluentQuery<S>, R> queryFunction) {
		Assert.notNull(queryFunction, "Query function must not be null");
		// The reactive repository hands its fluent query to the function at once, before any I/O
		AtomicReference<ReactiveFluentQuery<S>> reactiveQuery = new AtomicReference<>();
		this.reactive.findBy(example, (query) -> {
			reactiveQuery.set(query);
			return Mono.empty();
		});
		Assert.state(reactiveQuery.get() != null, "The reactive repository did not create a fluent query");
		return queryFunction.apply(new BlockingFluentQuery<>(reactiveQuery.get(), this.awaits));
	}

	private <V> V required(Mono<V> mono) {
		V value = this.awaits.one(mono);
		Assert.state(value != null, "The reactive repository completed without a value");
		return value;
	}

}
