package io.blockingbridge.r2dbc;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.blockingbridge.core.BridgeSettings;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import org.jspecify.annotations.Nullable;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.StatementFilterFunction;

/**
 * A blocking-style facade over Spring's {@link DatabaseClient}: the same fluent API with plain return
 * types. Each terminal operation awaits the reactive one through {@link io.blockingbridge.core.Bridge},
 * so it runs with the current bridge scope's Reactor Context: inside a blocking transaction
 * ({@link io.blockingbridge.transaction.BlockingTransactions} or {@code @Transactional}) on the transaction's connection, and
 * within the {@code bridge.timeout} limit.
 * <pre class="code">
 * long count = client.sql("INSERT INTO person (id, name) VALUES (:id, :name)")
 *     .bind("id", 1)
 *     .bind("name", "Ada")
 *     .fetch()
 *     .rowsUpdated();
 * Optional&lt;String&gt; name = client.sql("SELECT name FROM person WHERE id = :id")
 *     .bind("id", 1)
 *     .mapValue(String.class)
 *     .one();
 * </pre>
 * Errors arrive as Spring's translated {@link org.springframework.dao.DataAccessException}
 * subclasses, unwrapped: blocking code can {@code catch (DuplicateKeyException ex)}. Like every
 * await, the terminal operations must not run on an event-loop thread.
 * <p>
 * Two methods of {@link DatabaseClient} have no blocking twin, since their functions are reactive
 * by nature: {@code GenericExecuteSpec.flatMap(Function<Result, Publisher<R>>)} (a {@code Result}
 * is read through publishers; use {@link GenericExecuteSpec#map(Function)} or
 * {@link GenericExecuteSpec#fetch()}, or await the reactive call with
 * {@code Bridge.awaitAll(getDatabaseClient().sql(...).flatMap(...))}), and
 * {@code inConnectionMany(Function<Connection, Flux<T>>)} (a blocking action returns all of its
 * values at once, so {@link #inConnection(Function)} covers it: return a {@code List}).
 */
public interface BlockingDatabaseClient {

	/**
	 * The fetch size of the statements of {@link RowsFetchSpec#stream()}: drivers that support it
	 * (PostgreSQL) read the rows through a cursor in batches of this many, so that closing the
	 * stream ends the query on the server after the batch in flight.
	 */
	int STREAM_FETCH_SIZE = 1000;

	/**
	 * Create a blocking client over the given reactive one.
	 * @param databaseClient the client that runs the statements
	 * @return the blocking client
	 */
	static BlockingDatabaseClient create(DatabaseClient databaseClient) {
		return create(databaseClient, BridgeSettings.defaults());
	}

	/**
	 * Create a blocking client over the given reactive one, for the application of the given
	 * settings: called outside of any bridge scope (from main, a test, a scheduled task), its
	 * awaits get that application's {@code bridge.timeout}; inside a scope, the scope's limit.
	 * @param databaseClient the client that runs the statements
	 * @param settings the settings of the application
	 * @return the blocking client
	 */
	static BlockingDatabaseClient create(DatabaseClient databaseClient, BridgeSettings settings) {
		return new DefaultBlockingDatabaseClient(databaseClient, settings);
	}

	/**
	 * Return the reactive client this one delegates to.
	 * @return the reactive client
	 */
	DatabaseClient getDatabaseClient();

	/**
	 * Specify a static SQL statement to run. Named ({@code :name}) and indexed parameters can be bound
	 * on the returned spec.
	 * @param sql the SQL statement
	 * @return a spec to bind parameters and choose how to read the result
	 */
	GenericExecuteSpec sql(String sql);

	/**
	 * Specify a SQL statement that is created when the statement runs, by calling the given
	 * supplier then (each time a terminal operation runs it). The live view of blocked requests shows
	 * such a statement as "SQL from a Supplier" rather than calling the supplier once more.
	 * @param sqlSupplier creates the SQL statement
	 * @return a spec to bind parameters and choose how to read the result
	 */
	GenericExecuteSpec sql(Supplier<String> sqlSupplier);

	/**
	 * Run the given action with a connection, in blocking style: on the connection of the blocking
	 * transaction the calling thread runs in ({@code @Transactional},
	 * {@link io.blockingbridge.transaction.BlockingTransactions}), otherwise on a connection taken
	 * from the connection factory for this call and released (closed, or given back to its pool)
	 * when the action returns or throws. The action runs on the calling thread; the R2DBC
	 * {@link Connection} API is reactive, so await what it returns through
	 * {@link io.blockingbridge.core.Bridge}, for example
	 * {@code Bridge.await(Mono.from(connection.createStatement("...").execute()).flatMap(...))}, which
	 * runs in the same transaction. Do not close the connection, and do not keep it beyond the action.
	 * <p>
	 * This is the blocking twin of {@code DatabaseClient.inConnection}; it also stands in for
	 * {@code inConnectionMany}: return a {@code List}.
	 * @param <T> the type of the result
	 * @param action the work to do with the connection
	 * @return the action's result
	 */
	<T> @Nullable T inConnection(Function<Connection, ? extends @Nullable T> action);

	/**
	 * Binds parameters of a statement and chooses how to read its result.
	 */
	interface GenericExecuteSpec {

		/**
		 * Bind a non-null value to a parameter by index.
		 * @param index the zero-based parameter index
		 * @param value the value; use {@link #bindNull(int, Class)} for {@code null}
		 * @return this spec
		 */
		GenericExecuteSpec bind(int index, Object value);

		/**
		 * Bind {@code null} to a parameter by index.
		 * @param index the zero-based parameter index
		 * @param type the type of the parameter
		 * @return this spec
		 */
		GenericExecuteSpec bindNull(int index, Class<?> type);

		/**
		 * Bind a non-null value to a named parameter.
		 * @param name the parameter name, without the colon
		 * @param value the value; use {@link #bindNull(String, Class)} for {@code null}
		 * @return this spec
		 */
		GenericExecuteSpec bind(String name, Object value);

		/**
		 * Bind {@code null} to a named parameter.
		 * @param name the parameter name, without the colon
		 * @param type the type of the parameter
		 * @return this spec
		 */
		GenericExecuteSpec bindNull(String name, Class<?> type);

		/**
		 * Bind the given values to named parameters.
		 * @param source the values by parameter name; a {@code null} value is bound as a
		 * {@code null} of type {@code Object}, a {@link org.springframework.r2dbc.core.Parameter} as
		 * given
		 * @return this spec
		 */
		GenericExecuteSpec bindValues(Map<String, ?> source);

		/**
		 * Bind the given values to parameters by index, in order.
		 * @param source the values, the first one for index 0
		 * @return this spec
		 */
		GenericExecuteSpec bindValues(List<?> source);

		/**
		 * Bind the bean properties or record components of the given object to named parameters of
		 * the same names.
		 * @param source the object whose properties to bind
		 * @return this spec
		 */
		GenericExecuteSpec bindProperties(Object source);

		/**
		 * Add a filter around the execution of the statement, for example to set a fetch size or
		 * ask for generated keys; filters added one after the other apply in that order.
		 * @param filter calls {@code next.execute(statement)}, with the statement changed as needed
		 * @return this spec
		 */
		GenericExecuteSpec filter(StatementFilterFunction filter);

		/**
		 * Change the statement before it runs, for example
		 * {@code filter((statement) -> statement.fetchSize(100))}.
		 * @param filter returns the statement to run
		 * @return this spec
		 */
		GenericExecuteSpec filter(Function<? super Statement, ? extends Statement> filter);

		/**
		 * Read each row (or, for statements that return {@code OUT} parameters, each set of
		 * them) with the given function.
		 * @param <R> the type of the values
		 * @param mappingFunction maps a row or out parameters to a value; called once per row
		 * @return a spec to fetch the values
		 */
		<R> RowsFetchSpec<R> map(Function<? super Readable, R> mappingFunction);

		/**
		 * Read each row with the given function.
		 * @param <R> the type of the values
		 * @param mappingFunction maps a row and its metadata to a value; called once per row
		 * @return a spec to fetch the values
		 */
		<R> RowsFetchSpec<R> map(BiFunction<Row, RowMetadata, R> mappingFunction);

		/**
		 * Read the first column of each row as a value of the given type.
		 * @param <R> the type of the values
		 * @param mappedClass the type to convert the column to
		 * @return a spec to fetch the values
		 */
		<R> RowsFetchSpec<R> mapValue(Class<R> mappedClass);

		/**
		 * Read each row into a new object of the given class (a bean or a record), column by
		 * property.
		 * @param <R> the type of the values
		 * @param mappedClass the class to create per row
		 * @return a spec to fetch the values
		 */
		<R> RowsFetchSpec<R> mapProperties(Class<R> mappedClass);

		/**
		 * Read each row as a map from column name to value, or the number of rows updated.
		 * @return a spec to fetch the rows or the update count
		 */
		FetchSpec<Map<String, Object>> fetch();

		/**
		 * Run the statement and discard its result.
		 */
		void then();

	}

	/**
	 * Runs a statement and returns its rows as values.
	 *
	 * @param <T> the type of the values
	 */
	interface RowsFetchSpec<T> {

		/**
		 * Run the statement and return its only row.
		 * @return the value of the only row, or empty if there is none
		 * @throws org.springframework.dao.IncorrectResultSizeDataAccessException if there is more than
		 * one row
		 */
		Optional<T> one();

		/**
		 * Run the statement and return its first row, ignoring the others.
		 * @return the value of the first row, or empty if there is none
		 */
		Optional<T> first();

		/**
		 * Run the statement and return all of its rows.
		 * @return the values, in the order of the rows
		 */
		List<T> all();

		/**
		 * Run the statement and return its rows as a stream that fetches them with backpressure as it
		 * is consumed, at most {@value io.blockingbridge.core.Bridge#DEFAULT_PREFETCH} ahead of the
		 * consumer, with a fetch size of {@value BlockingDatabaseClient#STREAM_FETCH_SIZE} (on
		 * PostgreSQL a cursor: the server produces the next batch only when the rows before it are
		 * taken). Closing the stream cancels the query (on PostgreSQL the server stops after the
		 * batch in flight) and releases its connection unless a transaction holds it: consume it in a
		 * try-with-resources block. Outside of a transaction the stream holds a connection of its own
		 * until it is closed or read to its end; inside one it uses the transaction's connection and
		 * must be consumed before the transaction ends. A stream that is never closed is closed when
		 * the bridge scope it was opened in closes (the end of the request, spawned task or
		 * transaction). Each wait for a row is limited by the scope's time limit
		 * ({@code bridge.timeout}), not the whole stream.
		 * @return the values, in the order of the rows
		 */
		Stream<T> stream();

	}

	/**
	 * Runs a statement and returns its rows or the number of rows it updated.
	 *
	 * @param <T> the type of the values
	 */
	interface FetchSpec<T> extends RowsFetchSpec<T> {

		/**
		 * Run the statement and return the number of rows it inserted, updated or deleted.
		 * @return the update count
		 */
		long rowsUpdated();

	}

}
