package io.blockingbridge.r2dbc;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.blockingbridge.core.BridgeSettings;

import org.springframework.data.r2dbc.core.R2dbcEntityOperations;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.data.relational.core.query.Query;
import org.springframework.data.relational.core.query.Update;
import org.springframework.data.relational.core.sql.SqlIdentifier;

/**
 * A blocking-style facade over Spring Data R2DBC's entity template ({@link R2dbcEntityOperations},
 * usually Spring Boot's {@link R2dbcEntityTemplate} bean): the same fluent
 * {@code select}/{@code insert}/{@code update}/{@code delete} API and entity methods with Spring
 * Data's {@link Query}, {@link org.springframework.data.relational.core.query.Criteria Criteria} and
 * {@link Update} types, returning plain values.
 * <pre class="code">
 * List&lt;Person&gt; adults = template.select(Person.class)
 *     .matching(query(where("age").greaterThanOrEquals(18)).sort(by("name")))
 *     .all();
 * Person saved = template.insert(new Person(null, "Ada", 36));
 * long updated = template.update(Person.class)
 *     .matching(query(where("name").is("Ada")))
 *     .apply(Update.update("age", 37));
 * long deleted = template.delete(Person.class).matching(query(where("age").lessThan(18))).all();
 * </pre>
 * Each terminal operation awaits the reactive one through {@link io.blockingbridge.core.Bridge}, with
 * the current bridge scope's Reactor Context: inside a blocking transaction ({@code @Transactional},
 * {@link io.blockingbridge.transaction.BlockingTransactions}) it runs on the transaction's connection
 * and is rolled back with it; outside of one each operation runs on its own (auto-commit). Its time
 * limit is the scope's, outside of any scope the application's {@code bridge.timeout}. Errors arrive
 * as Spring's {@link org.springframework.dao.DataAccessException} subclasses, unwrapped. Like every
 * await, the terminal operations must not run on an event-loop thread.
 * <p>
 * What is not offered in blocking style: the fluent {@code upsert(Class)} (use {@link #upsert(Object)});
 * {@code query(PreparedOperation, ...)} and {@code getRowsFetchSpec(...)}, which return reactive
 * fetch specs of prepared statements (run SQL with {@link #getDatabaseClient()} instead, and read
 * entities with its {@code mapProperties}); {@code getDataAccessStrategy()} and
 * {@code getConverter()}, which are reachable through {@link #getEntityOperations()}.
 */
public interface BlockingR2dbcEntityTemplate {

	/**
	 * Create a blocking template over the given reactive entity operations.
	 * @param entityOperations the reactive entity operations, for example an {@link R2dbcEntityTemplate}
	 * @return the blocking template
	 */
	static BlockingR2dbcEntityTemplate create(R2dbcEntityOperations entityOperations) {
		return create(entityOperations, BridgeSettings.defaults());
	}

	/**
	 * Create a blocking template over the given reactive entity operations, for the application of
	 * the given settings: called outside of any bridge scope, its awaits get that application's
	 * {@code bridge.timeout}; inside a scope, the scope's limit.
	 * @param entityOperations the reactive entity operations, for example an {@link R2dbcEntityTemplate}
	 * @param settings the settings of the application
	 * @return the blocking template
	 */
	static BlockingR2dbcEntityTemplate create(R2dbcEntityOperations entityOperations, BridgeSettings settings) {
		return new DefaultBlockingR2dbcEntityTemplate(entityOperations, settings);
	}

	/**
	 * Return the reactive entity operations this template delegates to.
	 * @return the reactive entity operations
	 */
	R2dbcEntityOperations getEntityOperations();

	/**
	 * Return a blocking client over the entity operations' {@code DatabaseClient}, for SQL of your own.
	 * @return the blocking client
	 */
	BlockingDatabaseClient getDatabaseClient();

	/**
	 * Start a fluent select of entities of the given type.
	 * @param <T> the entity type
	 * @param domainType the entity class, which names the table
	 * @return a spec to choose the table, the result type and the query
	 */
	<T> BlockingSelect<T> select(Class<T> domainType);

	/**
	 * Start a fluent insert of an entity of the given type.
	 * @param <T> the entity type
	 * @param domainType the entity class, which names the table
	 * @return a spec to choose the table and give the entity
	 */
	<T> BlockingInsert<T> insert(Class<T> domainType);

	/**
	 * Start a fluent update of rows of the given entity type.
	 * @param domainType the entity class, which names the table and maps property names to columns
	 * @return a spec to choose the table, the rows and the changes
	 */
	BlockingUpdate update(Class<?> domainType);

	/**
	 * Start a fluent delete of rows of the given entity type.
	 * @param domainType the entity class, which names the table and maps property names to columns
	 * @return a spec to choose the table and the rows
	 */
	BlockingDelete delete(Class<?> domainType);

	/**
	 * Count the rows of the given entity type that match the query.
	 * @param query the criteria (its sort, limit and offset are ignored)
	 * @param domainType the entity class
	 * @return the number of matching rows
	 */
	long count(Query query, Class<?> domainType);

	/**
	 * Tell whether a row of the given entity type matches the query.
	 * @param query the criteria
	 * @param domainType the entity class
	 * @return whether at least one row matches
	 */
	boolean exists(Query query, Class<?> domainType);

	/**
	 * Read the entities that match the query.
	 * @param <T> the entity type
	 * @param query the criteria, sort, limit and offset
	 * @param domainType the entity class
	 * @return the entities, in the query's order
	 */
	<T> List<T> select(Query query, Class<T> domainType);

	/**
	 * Read the only entity that matches the query.
	 * @param <T> the entity type
	 * @param query the criteria
	 * @param domainType the entity class
	 * @return the entity, or empty if none matches
	 * @throws org.springframework.dao.IncorrectResultSizeDataAccessException if more than one matches
	 */
	<T> Optional<T> selectOne(Query query, Class<T> domainType);

	/**
	 * Update the rows of the given entity type that match the query.
	 * @param query the criteria
	 * @param update the changes
	 * @param domainType the entity class
	 * @return the number of rows updated
	 */
	long update(Query query, Update update, Class<?> domainType);

	/**
	 * Delete the rows of the given entity type that match the query.
	 * @param query the criteria
	 * @param domainType the entity class
	 * @return the number of rows deleted
	 */
	long delete(Query query, Class<?> domainType);

	/**
	 * Insert the given entity, running the entity callbacks; a generated id is set on the returned
	 * entity.
	 * @param <T> the entity type
	 * @param entity the entity to insert
	 * @return the entity as inserted
	 */
	<T> T insert(T entity);

	/**
	 * Update the row of the given entity (by its id), checking its {@code @Version} if it has one.
	 * @param <T> the entity type
	 * @param entity the entity to update
	 * @return the entity as updated
	 * @throws org.springframework.dao.OptimisticLockingFailureException if the version does not
	 * match
	 * @throws org.springframework.dao.TransientDataAccessResourceException if no row has its id
	 */
	<T> T update(T entity);

	/**
	 * Insert the given entity, or update its row if one with its id exists.
	 * @param <T> the entity type
	 * @param entity the entity to insert or update
	 * @return the entity as written
	 */
	<T> T upsert(T entity);

	/**
	 * Delete the row of the given entity (by its id).
	 * @param <T> the entity type
	 * @param entity the entity to delete
	 * @return the entity
	 */
	<T> T delete(T entity);

	/**
	 * The start of a fluent select: choose a table other than the entity's, or go on.
	 *
	 * @param <T> the entity type
	 */
	interface BlockingSelect<T> extends SelectWithProjection<T> {

		/**
		 * Read from the given table instead of the entity's.
		 * @param table the table name
		 * @return a spec to choose the result type and the query
		 */
		SelectWithProjection<T> from(String table);

		/**
		 * Read from the given table instead of the entity's.
		 * @param table the table name
		 * @return a spec to choose the result type and the query
		 */
		SelectWithProjection<T> from(SqlIdentifier table);

	}

	/**
	 * A fluent select that may read its rows as another type.
	 *
	 * @param <T> the result type
	 */
	interface SelectWithProjection<T> extends SelectWithQuery<T> {

		/**
		 * Read each row as the given type: an interface projection, a DTO class or record (only its
		 * properties' columns are read), or another entity.
		 * @param <R> the result type
		 * @param resultType the result type
		 * @return a spec to choose the query
		 */
		<R> SelectWithQuery<R> as(Class<R> resultType);

	}

	/**
	 * A fluent select that may be limited by a query.
	 *
	 * @param <T> the result type
	 */
	interface SelectWithQuery<T> extends TerminatingSelect<T> {

		/**
		 * Read the rows in batches of the given size, where the driver supports it.
		 * @param fetchSize the fetch size
		 * @return this spec with the fetch size
		 */
		SelectWithQuery<T> withFetchSize(int fetchSize);

		/**
		 * Read the rows that match the given query.
		 * @param query criteria, sort, limit, offset and columns
		 * @return a spec to run the select
		 */
		TerminatingSelect<T> matching(Query query);

	}

	/**
	 * Runs a fluent select.
	 *
	 * @param <T> the result type
	 */
	interface TerminatingSelect<T> {

		/**
		 * Count the matching rows.
		 * @return the number of matching rows
		 */
		long count();

		/**
		 * Tell whether a row matches.
		 * @return whether at least one row matches
		 */
		boolean exists();

		/**
		 * Read the first matching row.
		 * @return the first row, or empty if none matches
		 */
		Optional<T> first();

		/**
		 * Read the only matching row.
		 * @return the row, or empty if none matches
		 * @throws org.springframework.dao.IncorrectResultSizeDataAccessException if more than one
		 * matches
		 */
		Optional<T> one();

		/**
		 * Read all matching rows.
		 * @return the rows, in the query's order
		 */
		List<T> all();

		/**
		 * Read the matching rows as a stream that fetches them as it is consumed, with the rules of
		 * {@link BlockingDatabaseClient.RowsFetchSpec#stream()}: close it (try-with-resources) to
		 * cancel the query; inside a transaction, consume it before the transaction ends.
		 * @return the rows, in the query's order
		 */
		Stream<T> stream();

	}

	/**
	 * The start of a fluent insert: choose a table other than the entity's, or go on.
	 *
	 * @param <T> the entity type
	 */
	interface BlockingInsert<T> extends TerminatingInsert<T> {

		/**
		 * Insert into the given table instead of the entity's.
		 * @param table the table name
		 * @return a spec to give the entity
		 */
		TerminatingInsert<T> into(String table);

		/**
		 * Insert into the given table instead of the entity's.
		 * @param table the table name
		 * @return a spec to give the entity
		 */
		TerminatingInsert<T> into(SqlIdentifier table);

	}

	/**
	 * Runs a fluent insert.
	 *
	 * @param <T> the entity type
	 */
	interface TerminatingInsert<T> {

		/**
		 * Insert the given entity.
		 * @param object the entity
		 * @return the entity as inserted, with its generated id
		 */
		T using(T object);

	}

	/**
	 * The start of a fluent update: choose a table other than the entity's, or go on.
	 */
	interface BlockingUpdate extends UpdateWithQuery {

		/**
		 * Update the given table instead of the entity's.
		 * @param table the table name
		 * @return a spec to choose the rows
		 */
		UpdateWithQuery inTable(String table);

		/**
		 * Update the given table instead of the entity's.
		 * @param table the table name
		 * @return a spec to choose the rows
		 */
		UpdateWithQuery inTable(SqlIdentifier table);

	}

	/**
	 * A fluent update that may be limited to the rows matching a query.
	 */
	interface UpdateWithQuery extends TerminatingUpdate {

		/**
		 * Update only the rows that match the given query.
		 * @param query the criteria
		 * @return a spec to give the changes
		 */
		TerminatingUpdate matching(Query query);

	}

	/**
	 * Runs a fluent update.
	 */
	interface TerminatingUpdate {

		/**
		 * Apply the given changes.
		 * @param update the changes
		 * @return the number of rows updated
		 */
		long apply(Update update);

	}

	/**
	 * The start of a fluent delete: choose a table other than the entity's, or go on.
	 */
	interface BlockingDelete extends DeleteWithQuery {

		/**
		 * Delete from the given table instead of the entity's.
		 * @param table the table name
		 * @return a spec to choose the rows
		 */
		DeleteWithQuery from(String table);

		/**
		 * Delete from the given table instead of the entity's.
		 * @param table the table name
		 * @return a spec to choose the rows
		 */
		DeleteWithQuery from(SqlIdentifier table);

	}

	/**
	 * A fluent delete that may be limited to the rows matching a query.
	 */
	interface DeleteWithQuery extends TerminatingDelete {

		/**
		 * Delete only the rows that match the given query.
		 * @param query the criteria
		 * @return a spec to run the delete
		 */
		TerminatingDelete matching(Query query);

	}

	/**
	 * Runs a fluent delete.
	 */
	interface TerminatingDelete {

		/**
		 * Delete the rows (all of the table's, unless a query limits them).
		 * @return the number of rows deleted
		 */
		long all();

	}

}
