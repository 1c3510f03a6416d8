package io.blockingbridge.r2dbc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeSettings;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.connection.ConnectionFactoryUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.StatementFilterFunction;
import org.springframework.r2dbc.core.UpdatedRowsFetchSpec;
import org.springframework.util.Assert;

/**
 * The {@link BlockingDatabaseClient} that wraps each reactive spec and awaits its terminal
 * operations through the {@link Bridge}: with the limit in force in the current scope, or outside
 * of any scope with its application's {@code bridge.timeout}.
 */
final class DefaultBlockingDatabaseClient implements BlockingDatabaseClient {

	private final DatabaseClient databaseClient;

	private final BridgeSettings settings;

	DefaultBlockingDatabaseClient(DatabaseClient databaseClient, BridgeSettings settings) {
		Assert.notNull(databaseClient, "DatabaseClient must not be null");
		Assert.notNull(settings, "BridgeSettings must not be null");
		this.databaseClient = databaseClient;
		this.settings = settings;
	}

	@Override
	public DatabaseClient getDatabaseClient() {
		return this.databaseClient;
	}

	@Override
	public GenericExecuteSpec sql(String sql) {
		return new DefaultGenericExecuteSpec(this.databaseClient.sql(sql), sql, this.settings);
	}

	@Override
	public GenericExecuteSpec sql(Supplier<String> sqlSupplier) {
		return new DefaultGenericExecuteSpec(this.databaseClient.sql(sqlSupplier), SUPPLIED_SQL, this.settings);
	}

	@Override
	public <T> @Nullable T inConnection(Function<Connection, ? extends @Nullable T> action) {
		Assert.notNull(action, "Action must not be null");
		ConnectionFactory connectionFactory = this.databaseClient.getConnectionFactory();
		Connection connection = Bridge.await(Bridge.describe(ConnectionFactoryUtils.getConnection(connectionFactory),
				"getting an R2DBC connection"), this.settings.scopeTimeout());
		Assert.state(connection != null, "The connection factory completed without a connection");
		T result;
		try {
			result = action.apply(connection);
		}
		catch (Throwable ex) {
			try {
				release(connection, connectionFactory);
			}
			catch (RuntimeException releaseFailure) {
				ex.addSuppressed(releaseFailure);
			}
			throw ex;
		}
		release(connection, connectionFactory);
		return result;
	}

	/**
	 * Gives the connection back as {@code DatabaseClient.inConnection} does: a transaction's
	 * connection stays with the transaction, any other is closed; even when the thread was
	 * interrupted, so that it does not leak.
	 */
	private static void release(Connection connection, ConnectionFactory connectionFactory) {
		Bridge.awaitUninterruptibly(ConnectionFactoryUtils.currentConnectionFactory(connectionFactory)
			.then()
			.onErrorResume(Exception.class, (noTransaction) -> Mono.from(connection.close())));
	}

	@Override
	public String toString() {
		return "BlockingDatabaseClient over " + this.databaseClient;
	}

	/** How the live view of blocked requests shows a statement whose SQL a Supplier creates. */
	private static final String SUPPLIED_SQL = "SQL from a Supplier";

	/** The SQL is kept to describe the awaits in the live view of blocked requests. */
	private record DefaultGenericExecuteSpec(DatabaseClient.GenericExecuteSpec spec, String sql,
			BridgeSettings settings) implements GenericExecuteSpec {

		@Override
		public GenericExecuteSpec bind(int index, Object value) {
			return new DefaultGenericExecuteSpec(this.spec.bind(index, value), this.sql, this.settings);
		}

		@Override
		public GenericExecuteSpec bindNull(int index, Class<?> type) {
			return new DefaultGenericExecuteSpec(this.spec.bindNull(index, type), this.sql, this.settings);
		}

		@Override
		public GenericExecuteSpec bind(String name, Object value) {
			return new DefaultGenericExecuteSpec(this.spec.bind(name, value), this.sql, this.settings);
		}

		@Override
		public GenericExecuteSpec bindNull(String name, Class<?> type) {
			return new DefaultGenericExecuteSpec(this.spec.bindNull(name, type), this.sql, this.settings);
		}

		@Override
		public GenericExecuteSpec bindValues(Map<String, ?> source) {
			return new DefaultGenericExecuteSpec(this.spec.bindValues(source), this.sql, this.settings);
		}

		@Override
		public GenericExecuteSpec bindValues(List<?> source) {
			return new DefaultGenericExecuteSpec(this.spec.bindValues(source), this.sql, this.settings);
		}

		@Override
		public GenericExecuteSpec bindProperties(Object source) {
			return new DefaultGenericExecuteSpec(this.spec.bindProperties(source), this.sql, this.settings);
		}

		@Override
		public GenericExecuteSpec filter(StatementFilterFunction filter) {
			return new DefaultGenericExecuteSpec(this.spec.filter(filter), this.sql, this.settings);
		}

		@Override
		public GenericExecuteSpec filter(Function<? super Statement, ? extends Statement> filter) {
			return new DefaultGenericExecuteSpec(this.spec.filter(filter), this.sql, this.settings);
		}

		@Override
		public <R> RowsFetchSpec<R> map(Function<? super Readable, R> mappingFunction) {
			return new DefaultFetchSpec<>(this.spec, (spec) -> spec.map(mappingFunction), this.sql, this.settings);
		}

		@Override
		public <R> RowsFetchSpec<R> map(BiFunction<Row, RowMetadata, R> mappingFunction) {
			return new DefaultFetchSpec<>(this.spec, (spec) -> spec.map(mappingFunction), this.sql, this.settings);
		}

		@Override
		public <R> RowsFetchSpec<R> mapValue(Class<R> mappedClass) {
			return new DefaultFetchSpec<>(this.spec, (spec) -> spec.mapValue(mappedClass), this.sql, this.settings);
		}

		@Override
		public <R> RowsFetchSpec<R> mapProperties(Class<R> mappedClass) {
			return new DefaultFetchSpec<>(this.spec, (spec) -> spec.mapProperties(mappedClass), this.sql, this.settings);
		}

		@Override
		public FetchSpec<Map<String, Object>> fetch() {
			return new DefaultFetchSpec<>(this.spec, DatabaseClient.GenericExecuteSpec::fetch, this.sql, this.settings);
		}

		@Override
		public void then() {
			Bridge.await(Bridge.describe(this.spec.then(), this.sql), this.settings.scopeTimeout());
		}

	}

	/**
	 * Reads the rows of a statement with the given reader, which maps them (or, after
	 * {@code fetch()}, also counts the updated rows). {@link #stream()} runs the statement with a
	 * fetch size, the others as they are.
	 */
	private record DefaultFetchSpec<T>(DatabaseClient.GenericExecuteSpec spec,
			Function<DatabaseClient.GenericExecuteSpec, ? extends org.springframework.r2dbc.core.RowsFetchSpec<T>> reader,
			String sql,
			BridgeSettings settings) implements FetchSpec<T> {

		@Override
		public Optional<T> one() {
			return Optional.ofNullable(Bridge.await(Bridge.describe(rows().one(), this.sql), timeout()));
		}

		@Override
		public Optional<T> first() {
			return Optional.ofNullable(Bridge.await(Bridge.describe(rows().first(), this.sql), timeout()));
		}

		@Override
		public List<T> all() {
			List<T> values = Bridge.await(Bridge.describe(rows().all().collectList(), this.sql), timeout());
			return (values != null) ? values : List.of();
		}

		@Override
		public Stream<T> stream() {
			DatabaseClient.GenericExecuteSpec cursor = this.spec
				.filter((statement, next) -> next.execute(statement.fetchSize(STREAM_FETCH_SIZE)));
			return Bridge.stream(this.reader.apply(cursor).all(), timeout());
		}

		@Override
		public long rowsUpdated() {
			org.springframework.r2dbc.core.RowsFetchSpec<T> rows = rows();
			Assert.state(rows instanceof UpdatedRowsFetchSpec, "rowsUpdated() is only available after fetch()");
			Long count = Bridge.await(Bridge.describe(((UpdatedRowsFetchSpec) rows).rowsUpdated(), this.sql), timeout());
			return (count != null) ? count : 0L;
		}

		private org.springframework.r2dbc.core.RowsFetchSpec<T> rows() {
			return this.reader.apply(this.spec);
		}

		private Duration timeout() {
			return this.settings.scopeTimeout();
		}

	}

}
