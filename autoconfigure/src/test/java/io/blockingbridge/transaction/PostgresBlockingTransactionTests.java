package io.blockingbridge.transaction;

import io.blockingbridge.testsupport.R2dbcTestProperties;
import io.blockingbridge.testsupport.RequiresDatabase;
import io.blockingbridge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The blocking transaction scenarios against PostgreSQL.
 */
@RequiresDatabase(TestDatabase.POSTGRESQL)
@TestPropertySource(properties = R2dbcTestProperties.POSTGRESQL_URL)
class PostgresBlockingTransactionTests extends AbstractBlockingTransactionTests {

	@Override
	String isolationLevelSeenByDatabase() {
		return this.store.client().sql("SHOW transaction_isolation").mapValue(String.class).one().orElseThrow();
	}

	@Test
	void databaseRejectsWritesInAReadOnlyTransaction() {
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.service.insertReadOnly(1))
			.withMessageContaining("read-only transaction");
		assertThat(this.store.ids()).isEmpty();
		assertThat(this.store.acquiredConnections()).isZero();
	}

}
