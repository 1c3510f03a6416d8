package io.blockingbridge.r2dbc;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import io.blockingbridge.core.Bridge;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import org.jspecify.annotations.Nullable;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.util.Assert;

/**
 * The {@link BlockingDatabaseClient} that wraps each reactive spec and awaits its terminal
 * operations through the {@link Bridge}.
 */
final class DefaultBlockingDatabaseClient implements BlockingDatabaseClient {

	private final DatabaseClient databaseClient;

	DefaultBlockingDatabaseClient(DatabaseClient databaseClient) {
		Assert.notNull(databaseClient, "DatabaseClient must not be null");
		this.databaseClient = databaseClient;
	}

	@Override
	public DatabaseClient getDatabaseClient() {
		return this.databaseClient;
	}

	@Override
	public GenericExecuteSpec sql(String sql) {
		return new DefaultGenericExecuteSpec(this.databaseClient.sql(sql));
	}

	@Override
	public String toString() {
		return "BlockingDatabaseClient over " + this.databaseClient;
	}

	private record DefaultGenericExecuteSpec(DatabaseClient.GenericExecuteSpec spec) implements GenericExecuteSpec {

		@Override
		public GenericExecuteSpec bind(int index, Object value) {
			return new DefaultGenericExecuteSpec(this.spec.bind(index, value));
		}

		@Override
		public GenericExecuteSpec bindNull(int index, Class<?> type) {
			return new DefaultGenericExecuteSpec(this.spec.bindNull(index, type));
		}

		@Override
		public GenericExecuteSpec bind(String name, Object value) {
			return new DefaultGenericExecuteSpec(this.spec.bind(name, value));
		}

		@Override
		public GenericExecuteSpec bindNull(String name, Class<?> type) {
			return new DefaultGenericExecuteSpec(this.spec.bindNull(name, type));
		}

		@Override
		public GenericExecuteSpec bindValues(Map<String, ?> source) {
			return new DefaultGenericExecuteSpec(this.spec.bindValues(source));
		}

		@Override
		public GenericExecuteSpec bindValues(List<?> source) {
			return new DefaultGenericExecuteSpec(this.spec.bindValues(source));
		}

		@Override
		public GenericExecuteSpec bindProperties(Object source) {
			return new DefaultGenericExecuteSpec(this.spec.bindProperties(source));
		}

		@Override
		public <R> RowsFetchSpec<R> map(BiFunction<Row, RowMetadata, R> mappingFunction) {
			return new DefaultFetchSpec<>(this.spec.map(mappingFunction), null);
		}

		@Override
		public <R> RowsFetchSpec<R> mapValue(Class<R> mappedClass) {
			return new DefaultFetchSpec<>(this.spec.mapValue(mappedClass), null);
		}

		@Override
		public <R> RowsFetchSpec<R> mapProperties(Class<R> mappedClass) {
			return new DefaultFetchSpec<>(this.spec.mapProperties(mappedClass), null);
		}

		@Override
		public FetchSpec<Map<String, Object>> fetch() {
			org.springframework.r2dbc.core.FetchSpec<Map<String, Object>> fetch = this.spec.fetch();
			return new DefaultFetchSpec<>(fetch, fetch);
		}

		@Override
		public void then() {
			Bridge.await(this.spec.then());
		}

	}

	private record DefaultFetchSpec<T>(org.springframework.r2dbc.core.RowsFetchSpec<T> rows,
			org.springframework.r2dbc.core.@Nullable UpdatedRowsFetchSpec updated) implements FetchSpec<T> {

		@Override
		public Optional<T> one() {
			return Bridge.awaitOptional(this.rows.one());
		}

		@Override
		public Optional<T> first() {
			return Bridge.awaitOptional(this.rows.first());
		}

		@Override
		public List<T> all() {
			return Bridge.awaitAll(this.rows.all());
		}

		@Override
		public Stream<T> stream() {
			return Bridge.stream(this.rows.all());
		}

		@Override
		public long rowsUpdated() {
			Assert.state(this.updated != null, "rowsUpdated() is only available after fetch()");
			Long count = Bridge.await(this.updated.rowsUpdated());
			return (count != null) ? count : 0L;
		}

	}

}
