package io.blockingbridge.r2dbc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeUsageException;
import io.blockingbridge.testsupport.ItemStore;
import io.blockingbridge.transaction.BlockingTransactions;
import io.r2dbc.spi.Connection;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.r2dbc.BadSqlGrammarException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The API of {@link BlockingDatabaseClient}, run against each database by a subclass.
 */
abstract class AbstractBlockingDatabaseClientTests extends AbstractR2dbcApplicationTests {

	@Autowired
	BlockingDatabaseClient client;

	@Autowired
	DatabaseClient databaseClient;

	@Autowired
	ItemStore store;

	@Autowired
	ReactiveTransactionManager transactionManager;

	@BeforeEach
	void createTable() {
		this.client.sql("CREATE TABLE IF NOT EXISTS bb_dbc_person (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, "
				+ "age INT)").then();
		this.client.sql("DELETE FROM bb_dbc_person").then();
	}

	@Test
	void autoConfiguredClientWrapsTheApplicationsDatabaseClient() {
		assertThat(this.client.getDatabaseClient()).isSameAs(this.databaseClient);
		BlockingDatabaseClient created = BlockingDatabaseClient.create(this.databaseClient);
		assertThat(created.sql("SELECT COUNT(*) FROM bb_dbc_person").mapValue(Long.class).one()).contains(0L);
	}

	@Test
	void bindByNameAndCountUpdatedRows() {
		long inserted = this.client.sql("INSERT INTO bb_dbc_person (id, name, age) VALUES (:id, :name, :age)")
			.bind("id", 1)
			.bind("name", "Ada")
			.bind("age", 36)
			.fetch()
			.rowsUpdated();
		assertThat(inserted).isOne();
		insert(2, "Grace", 85);
		long updated = this.client.sql("UPDATE bb_dbc_person SET age = age + 1").fetch().rowsUpdated();
		assertThat(updated).isEqualTo(2);
		assertThat(ages()).containsExactly(37, 86);
	}

	@Test
	void bindNullByNameAndByIndex() {
		this.client.sql("INSERT INTO bb_dbc_person (id, name, age) VALUES (:id, :name, :age)")
			.bind("id", 1)
			.bind("name", "Ada")
			.bindNull("age", Integer.class)
			.then();
		this.client.sql("INSERT INTO bb_dbc_person (id, name, age) VALUES (" + bindMarkers(3) + ")")
			.bind(0, 2)
			.bind(1, "Grace")
			.bindNull(2, Integer.class)
			.then();
		assertThat(this.client.sql("SELECT COUNT(*) FROM bb_dbc_person WHERE age IS NULL").mapValue(Long.class).one())
			.contains(2L);
	}

	@Test
	void bindingNullAsAValueIsRefusedWithAHint() {
		Object nothing = null;
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.client.sql("SELECT :age").bind("age", nothing))
			.withMessageContaining("bindNull");
	}

	@Test
	void bindValuesFromAMapAListAndProperties() {
		Map<String, @Nullable Object> values = new HashMap<>();
		values.put("id", 1);
		values.put("name", "Ada");
		values.put("age", 36);
		this.client.sql("INSERT INTO bb_dbc_person (id, name, age) VALUES (:id, :name, :age)").bindValues(values).then();
		this.client.sql("INSERT INTO bb_dbc_person (id, name, age) VALUES (" + bindMarkers(3) + ")")
			.bindValues(List.of(2, "Grace", 85))
			.then();
		this.client.sql("INSERT INTO bb_dbc_person (id, name, age) VALUES (:id, :name, :age)")
			.bindProperties(new PersonBean(3, "Edsger", 72))
			.then();
		assertThat(ages()).containsExactly(36, 85, 72);
	}

	@Test
	void fetchRowsAsMaps() {
		insert(1, "Ada", 36);
		insert(2, "Grace", 85);
		Optional<Map<String, Object>> one = this.client.sql("SELECT name FROM bb_dbc_person WHERE id = :id")
			.bind("id", 2)
			.fetch()
			.one();
		assertThat(one).hasValueSatisfying((row) -> assertThat(value(row, "name")).isEqualTo("Grace"));
		List<Map<String, Object>> all = this.client.sql("SELECT id, name FROM bb_dbc_person ORDER BY id").fetch().all();
		assertThat(all).extracting((row) -> value(row, "name")).containsExactly("Ada", "Grace");
		Optional<Map<String, Object>> first = this.client.sql("SELECT name FROM bb_dbc_person ORDER BY id DESC")
			.fetch()
			.first();
		assertThat(first).hasValueSatisfying((row) -> assertThat(value(row, "name")).isEqualTo("Grace"));
	}

	@Test
	void oneOverSeveralRowsFailsAndOverNoRowIsEmpty() {
		insert(1, "Ada", 36);
		insert(2, "Grace", 85);
		assertThatExceptionOfType(IncorrectResultSizeDataAccessException.class)
			.isThrownBy(() -> this.client.sql("SELECT name FROM bb_dbc_person").fetch().one());
		assertThatExceptionOfType(IncorrectResultSizeDataAccessException.class)
			.isThrownBy(() -> this.client.sql("SELECT name FROM bb_dbc_person").mapValue(String.class).one());
		assertThat(this.client.sql("SELECT name FROM bb_dbc_person WHERE id = 3").fetch().one()).isEmpty();
		assertThat(this.client.sql("SELECT name FROM bb_dbc_person WHERE id = 3").mapValue(String.class).first())
			.isEmpty();
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void mapRowsWithAFunctionToValuesAndToProperties() {
		insert(1, "Ada", 36);
		insert(2, "Grace", 85);
		List<String> labels = this.client.sql("SELECT name, age FROM bb_dbc_person ORDER BY id")
			.map((row, metadata) -> row.get("name", String.class) + " (" + row.get("age", Integer.class) + ")")
			.all();
		assertThat(labels).containsExactly("Ada (36)", "Grace (85)");
		assertThat(this.client.sql("SELECT name FROM bb_dbc_person ORDER BY id").mapValue(String.class).all())
			.containsExactly("Ada", "Grace");
		List<Person> people = this.client.sql("SELECT id, name, age FROM bb_dbc_person ORDER BY id")
			.mapProperties(Person.class)
			.all();
		assertThat(people).containsExactly(new Person(1, "Ada", 36), new Person(2, "Grace", 85));
		assertThat(this.client.sql("SELECT id, name, age FROM bb_dbc_person WHERE id = 2")
			.mapProperties(PersonBean.class)
			.one()).hasValueSatisfying((bean) -> assertThat(bean.getName()).isEqualTo("Grace"));
	}

	@Test
	void mapRowsWithAReadableFunction() {
		insert(1, "Ada", 36);
		insert(2, "Grace", 85);
		List<String> labels = this.client.sql("SELECT name, age FROM bb_dbc_person ORDER BY id")
			.map((readable) -> readable.get(0, String.class) + " (" + readable.get("age", Integer.class) + ")")
			.all();
		assertThat(labels).containsExactly("Ada (36)", "Grace (85)");
		assertThat(this.client.sql("SELECT name FROM bb_dbc_person WHERE id = 2")
			.map((readable) -> readable.get(0, String.class))
			.one()).contains("Grace");
	}

	@Test
	void sqlFromASupplierIsCreatedEachTimeTheStatementRuns() {
		insert(1, "Ada", 36);
		insert(2, "Grace", 85);
		AtomicInteger calls = new AtomicInteger();
		BlockingDatabaseClient.RowsFetchSpec<String> names = this.client.sql(() -> {
			calls.incrementAndGet();
			return "SELECT name FROM bb_dbc_person WHERE age > :age ORDER BY id";
		}).bind("age", 40).mapValue(String.class);
		assertThat(calls).hasValue(0);
		assertThat(names.all()).containsExactly("Grace");
		assertThat(calls).hasValue(1);
		assertThat(names.first()).contains("Grace");
		assertThat(calls).hasValue(2);
		this.client.sql(() -> "DELETE FROM bb_dbc_person WHERE id = 1").then();
		assertThat(ages()).containsExactly(85);
	}

	@Test
	void filtersChangeTheStatementInTheOrderAdded() {
		insert(1, "Ada", 36);
		insert(2, "Grace", 85);
		List<String> order = new ArrayList<>();
		Optional<String> name = this.client.sql("SELECT name FROM bb_dbc_person WHERE id = " + bindMarkers(1))
			.filter((statement) -> {
				order.add("function");
				return statement.bind(0, 2);
			})
			.filter((statement, next) -> {
				order.add("filter function");
				return next.execute(statement.fetchSize(10));
			})
			.mapValue(String.class)
			.one();
		assertThat(name).contains("Grace");
		assertThat(order).containsExactly("function", "filter function");
		long updated = this.client.sql("UPDATE bb_dbc_person SET age = age + 1 WHERE id = " + bindMarkers(1))
			.filter((statement, next) -> next.execute(statement.bind(0, 1)))
			.fetch()
			.rowsUpdated();
		assertThat(updated).isOne();
		assertThat(ages()).containsExactly(37, 85);
	}

	@Test
	void inConnectionRunsOnOneConnectionAndReleasesIt() {
		insert(1, "Ada", 36);
		List<String> names = this.client.inConnection((connection) -> {
			assertThat(this.store.acquiredConnections()).isOne();
			update(connection, "INSERT INTO bb_dbc_person (id, name, age) VALUES (2, 'Grace', 85)");
			return Bridge.awaitAll(Flux.from(connection.createStatement("SELECT name FROM bb_dbc_person ORDER BY id")
				.execute()).flatMap((result) -> result.map((row) -> row.get(0, String.class))));
		});
		assertThat(names).containsExactly("Ada", "Grace");
		assertThat(this.store.acquiredConnections()).isZero();
		assertThatIllegalStateException().isThrownBy(() -> this.client.inConnection((connection) -> {
			throw new IllegalStateException("failing with the connection");
		})).withMessage("failing with the connection");
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void inConnectionJoinsTheBlockingTransaction() {
		BlockingTransactions transactions = new BlockingTransactions(this.transactionManager);
		assertThatIllegalStateException().isThrownBy(() -> transactions.executeWithoutResult((status) -> {
			insert(1, "Ada", 36);
			long seen = this.client.inConnection((connection) -> {
				update(connection, "INSERT INTO bb_dbc_person (id, name, age) VALUES (2, 'Grace', 85)");
				return count(connection);
			});
			assertThat(seen).isEqualTo(2);
			throw new IllegalStateException("rolling back");
		}));
		assertThat(ages()).isEmpty();
		transactions.executeWithoutResult((status) -> this.client
			.inConnection((connection) -> update(connection, "INSERT INTO bb_dbc_person (id, name, age) VALUES (3, 'Edsger', 72)")));
		assertThat(ages()).containsExactly(72);
		assertThat(this.store.acquiredConnections()).isZero();
	}

	private static long update(Connection connection, String sql) {
		Long count = Bridge.await(Mono.from(connection.createStatement(sql).execute())
			.flatMap((result) -> Mono.from(result.getRowsUpdated())));
		return (count != null) ? count : 0;
	}

	private static long count(Connection connection) {
		Number count = Bridge.await(Mono.from(connection.createStatement("SELECT COUNT(*) FROM bb_dbc_person").execute())
			.flatMap((result) -> Mono.from(result.map((row) -> row.get(0, Number.class)))));
		return (count != null) ? count.longValue() : -1;
	}

	@Test
	void streamReadsWithBackpressureAndClosingReleasesTheConnection() {
		for (int id = 1; id <= 100; id++) {
			insert(id, "person " + id, id);
		}
		try (Stream<Integer> ids = this.client.sql("SELECT id FROM bb_dbc_person ORDER BY id")
			.mapValue(Integer.class)
			.stream()) {
			Iterator<Integer> iterator = ids.iterator();
			assertThat(iterator.next()).isEqualTo(1);
			assertThat(iterator.next()).isEqualTo(2);
		}
		assertThat(this.store.acquiredConnections()).isZero();
		try (Stream<Map<String, Object>> rows = this.client.sql("SELECT id FROM bb_dbc_person").fetch().stream()) {
			assertThat(rows.count()).isEqualTo(100);
		}
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void duplicateKeyArrivesUnwrapped() {
		insert(1, "Ada", 36);
		String outcome;
		try {
			insert(1, "Ada again", 37);
			outcome = "inserted";
		}
		catch (DuplicateKeyException ex) {
			outcome = "duplicate";
		}
		assertThat(outcome).isEqualTo("duplicate");
		assertThat(this.store.acquiredConnections()).isZero();
	}

	@Test
	void badSqlArrivesAsTranslatedException() {
		assertThatExceptionOfType(BadSqlGrammarException.class)
			.isThrownBy(() -> this.client.sql("SELEKT nothing FROM nowhere").fetch().all())
			.satisfies((ex) -> assertThat(ex.getSuppressed()).isNotEmpty());
	}

	@Test
	void awaitOnANonBlockingThreadFailsAtOnce() {
		Mono<List<Map<String, Object>>> onEventLoopLikeThread = Mono
			.fromCallable(() -> this.client.sql("SELECT id FROM bb_dbc_person").fetch().all())
			.subscribeOn(Schedulers.parallel());
		StepVerifier.create(onEventLoopLikeThread).verifyError(BridgeUsageException.class);
	}

	/**
	 * Return the driver's bind markers for the given number of parameters bound by index.
	 * @param count how many parameters
	 * @return the markers, separated by commas
	 */
	String bindMarkers(int count) {
		return IntStream.rangeClosed(1, count).mapToObj((index) -> "$" + index).collect(Collectors.joining(", "));
	}

	private void insert(int id, String name, int age) {
		this.client.sql("INSERT INTO bb_dbc_person (id, name, age) VALUES (:id, :name, :age)")
			.bind("id", id)
			.bind("name", name)
			.bind("age", age)
			.then();
	}

	private List<Integer> ages() {
		return this.client.sql("SELECT age FROM bb_dbc_person ORDER BY id").mapValue(Integer.class).all();
	}

	/** Column names arrive in the database's case (upper case in H2). */
	private static @Nullable Object value(Map<String, Object> row, String column) {
		return row.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equalsIgnoreCase(column))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	record Person(int id, String name, @Nullable Integer age) {
	}

	/** A JavaBean for bindProperties and mapProperties. */
	public static class PersonBean {

		private int id;

		private String name = "";

		private @Nullable Integer age;

		public PersonBean() {
		}

		PersonBean(int id, String name, @Nullable Integer age) {
			this.id = id;
			this.name = name;
			this.age = age;
		}

		public int getId() {
			return this.id;
		}

		public void setId(int id) {
			this.id = id;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public @Nullable Integer getAge() {
			return this.age;
		}

		public void setAge(@Nullable Integer age) {
			this.age = age;
		}

		@Override
		public String toString() {
			return Arrays.asList(this.id, this.name, this.age).toString();
		}

	}

}
