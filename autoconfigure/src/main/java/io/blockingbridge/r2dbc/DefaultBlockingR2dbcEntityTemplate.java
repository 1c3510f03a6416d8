package io.blockingbridge.r2dbc;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeSettings;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.r2dbc.core.R2dbcEntityOperations;
import org.springframework.data.r2dbc.core.ReactiveDeleteOperation;
import org.springframework.data.r2dbc.core.ReactiveInsertOperation;
import org.springframework.data.r2dbc.core.ReactiveSelectOperation;
import org.springframework.data.r2dbc.core.ReactiveUpdateOperation;
import org.springframework.data.relational.core.query.Query;
import org.springframework.data.relational.core.query.Update;
import org.springframework.data.relational.core.sql.SqlIdentifier;
import org.springframework.util.Assert;

/**
 * The {@link BlockingR2dbcEntityTemplate} that wraps each reactive spec of the entity operations and
 * awaits its terminal operation through the {@link Bridge} (with the limit in force in the current
 * scope, or outside of any scope its application's {@code bridge.timeout}). The blocking spec types
 * narrow what may follow each step exactly as the reactive ones do, so each spec holds the reactive
 * spec of the same step.
 */
final class DefaultBlockingR2dbcEntityTemplate implements BlockingR2dbcEntityTemplate {

	private final R2dbcEntityOperations operations;

	private final Awaits awaits;

	private final BlockingDatabaseClient databaseClient;

	DefaultBlockingR2dbcEntityTemplate(R2dbcEntityOperations operations, BridgeSettings settings) {
		Assert.notNull(operations, "R2dbcEntityOperations must not be null");
		Assert.notNull(settings, "BridgeSettings must not be null");
		this.operations = operations;
		this.awaits = new Awaits(settings);
		this.databaseClient = BlockingDatabaseClient.create(operations.getDatabaseClient(), settings);
	}

	@Override
	public R2dbcEntityOperations getEntityOperations() {
		return this.operations;
	}

	@Override
	public BlockingDatabaseClient getDatabaseClient() {
		return this.databaseClient;
	}

	@Override
	public <T> BlockingSelect<T> select(Class<T> domainType) {
		return new Select<>(this.operations.select(domainType), "select " + domainType.getSimpleName(), this.awaits);
	}

	@Override
	public <T> BlockingInsert<T> insert(Class<T> domainType) {
		return new Insert<>(this.operations.insert(domainType), "insert " + domainType.getSimpleName(), this.awaits);
	}

	@Override
	public BlockingUpdate update(Class<?> domainType) {
		return new Changes(this.operations.update(domainType), null, "update " + domainType.getSimpleName(),
				this.awaits);
	}

	@Override
	public BlockingDelete delete(Class<?> domainType) {
		return new Changes(null, this.operations.delete(domainType), "delete " + domainType.getSimpleName(),
				this.awaits);
	}

	@Override
	public long count(Query query, Class<?> domainType) {
		return this.awaits.required(this.operations.count(query, domainType), "count " + domainType.getSimpleName());
	}

	@Override
	public boolean exists(Query query, Class<?> domainType) {
		return this.awaits.required(this.operations.exists(query, domainType), "exists " + domainType.getSimpleName());
	}

	@Override
	public <T> List<T> select(Query query, Class<T> domainType) {
		return this.awaits.all(this.operations.select(query, domainType), "select " + domainType.getSimpleName());
	}

	@Override
	public <T> Optional<T> selectOne(Query query, Class<T> domainType) {
		return Optional.ofNullable(
				this.awaits.one(this.operations.selectOne(query, domainType), "select " + domainType.getSimpleName()));
	}

	@Override
	public long update(Query query, Update update, Class<?> domainType) {
		return this.awaits.required(this.operations.update(query, update, domainType),
				"update " + domainType.getSimpleName());
	}

	@Override
	public long delete(Query query, Class<?> domainType) {
		return this.awaits.required(this.operations.delete(query, domainType), "delete " + domainType.getSimpleName());
	}

	@Override
	public <T> T insert(T entity) {
		return this.awaits.required(this.operations.insert(entity), "insert " + entity.getClass().getSimpleName());
	}

	@Override
	public <T> T update(T entity) {
		return this.awaits.required(this.operations.update(entity), "update " + entity.getClass().getSimpleName());
	}

	@Override
	public <T> T upsert(T entity) {
		return this.awaits.required(this.operations.upsert(entity), "upsert " + entity.getClass().getSimpleName());
	}

	@Override
	public <T> T delete(T entity) {
		return this.awaits.required(this.operations.delete(entity), "delete " + entity.getClass().getSimpleName());
	}

	@Override
	public String toString() {
		return "BlockingR2dbcEntityTemplate over " + this.operations;
	}

	/**
	 * Awaits through the bridge, each described for the live view of blocked requests as the
	 * template operation it runs.
	 */
	private record Awaits(BridgeSettings settings) {

		<V> @Nullable V one(Mono<V> mono, String description) {
			return Bridge.await(Bridge.describe(mono, description), this.settings.scopeTimeout());
		}

		<V> V required(Mono<V> mono, String description) {
			V value = one(mono, description);
			Assert.state(value != null, () -> "The reactive template completed " + description + " without a value");
			return value;
		}

		<V> List<V> all(Flux<V> flux, String description) {
			List<V> values = one(flux.collectList(), description);
			return (values != null) ? values : List.of();
		}

		<V> Stream<V> stream(Flux<V> flux) {
			return Bridge.stream(flux, this.settings.scopeTimeout());
		}

	}

	/**
	 * Each step of a fluent select; {@code reactive} is the reactive spec of the same step (a
	 * {@code ReactiveSelect} for {@link BlockingSelect}, down to a {@code TerminatingSelect}).
	 */
	private record Select<T>(ReactiveSelectOperation.TerminatingSelect<T> reactive, String description,
			Awaits awaits) implements BlockingSelect<T> {

		@Override
		public SelectWithProjection<T> from(String table) {
			return new Select<>(((ReactiveSelectOperation.SelectWithTable<T>) this.reactive).from(table),
					this.description, this.awaits);
		}

		@Override
		public SelectWithProjection<T> from(SqlIdentifier table) {
			return new Select<>(((ReactiveSelectOperation.SelectWithTable<T>) this.reactive).from(table),
					this.description, this.awaits);
		}

		@Override
		public <R> SelectWithQuery<R> as(Class<R> resultType) {
			return new Select<>(((ReactiveSelectOperation.SelectWithProjection<T>) this.reactive).as(resultType),
					this.description, this.awaits);
		}

		@Override
		public SelectWithQuery<T> withFetchSize(int fetchSize) {
			return new Select<>(((ReactiveSelectOperation.SelectWithQuery<T>) this.reactive).withFetchSize(fetchSize),
					this.description, this.awaits);
		}

		@Override
		public TerminatingSelect<T> matching(Query query) {
			return new Select<>(((ReactiveSelectOperation.SelectWithQuery<T>) this.reactive).matching(query),
					this.description, this.awaits);
		}

		@Override
		public long count() {
			return this.awaits.required(this.reactive.count(), this.description);
		}

		@Override
		public boolean exists() {
			return this.awaits.required(this.reactive.exists(), this.description);
		}

		@Override
		public Optional<T> first() {
			return Optional.ofNullable(this.awaits.one(this.reactive.first(), this.description));
		}

		@Override
		public Optional<T> one() {
			return Optional.ofNullable(this.awaits.one(this.reactive.one(), this.description));
		}

		@Override
		public List<T> all() {
			return this.awaits.all(this.reactive.all(), this.description);
		}

		@Override
		public Stream<T> stream() {
			return this.awaits.stream(this.reactive.all());
		}

	}

	/** Each step of a fluent insert, holding the reactive spec of the same step. */
	private record Insert<T>(ReactiveInsertOperation.TerminatingInsert<T> reactive, String description,
			Awaits awaits) implements BlockingInsert<T> {

		@Override
		public TerminatingInsert<T> into(String table) {
			return new Insert<>(((ReactiveInsertOperation.InsertWithTable<T>) this.reactive).into(table),
					this.description, this.awaits);
		}

		@Override
		public TerminatingInsert<T> into(SqlIdentifier table) {
			return new Insert<>(((ReactiveInsertOperation.InsertWithTable<T>) this.reactive).into(table),
					this.description, this.awaits);
		}

		@Override
		public T using(T object) {
			return this.awaits.required(this.reactive.using(object), this.description);
		}

	}

	/**
	 * Each step of a fluent update (with {@code update} set) or delete (with {@code delete} set),
	 * holding the reactive spec of the same step.
	 */
	private record Changes(ReactiveUpdateOperation.@Nullable TerminatingUpdate update,
			ReactiveDeleteOperation.@Nullable TerminatingDelete delete, String description, Awaits awaits)
			implements BlockingUpdate, BlockingDelete {

		@Override
		public UpdateWithQuery inTable(String table) {
			return new Changes(((ReactiveUpdateOperation.UpdateWithTable) updating()).inTable(table), null,
					this.description, this.awaits);
		}

		@Override
		public UpdateWithQuery inTable(SqlIdentifier table) {
			return new Changes(((ReactiveUpdateOperation.UpdateWithTable) updating()).inTable(table), null,
					this.description, this.awaits);
		}

		@Override
		public DeleteWithQuery from(String table) {
			return new Changes(null, ((ReactiveDeleteOperation.DeleteWithTable) deleting()).from(table), this.description,
					this.awaits);
		}

		@Override
		public DeleteWithQuery from(SqlIdentifier table) {
			return new Changes(null, ((ReactiveDeleteOperation.DeleteWithTable) deleting()).from(table), this.description,
					this.awaits);
		}

		@Override
		public Changes matching(Query query) {
			if (this.update != null) {
				return new Changes(((ReactiveUpdateOperation.UpdateWithQuery) this.update).matching(query), null,
						this.description, this.awaits);
			}
			return new Changes(null, ((ReactiveDeleteOperation.DeleteWithQuery) deleting()).matching(query),
					this.description, this.awaits);
		}

		@Override
		public long apply(Update changes) {
			return this.awaits.required(updating().apply(changes), this.description);
		}

		@Override
		public long all() {
			return this.awaits.required(deleting().all(), this.description);
		}

		private ReactiveUpdateOperation.TerminatingUpdate updating() {
			Assert.state(this.update != null, "Not an update");
			return this.update;
		}

		private ReactiveDeleteOperation.TerminatingDelete deleting() {
			Assert.state(this.delete != null, "Not a delete");
			return this.delete;
		}

	}

}
