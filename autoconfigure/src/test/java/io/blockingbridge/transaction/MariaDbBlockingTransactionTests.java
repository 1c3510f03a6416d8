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
 * The blocking transaction scenarios against MariaDB.
 */
@RequiresDatabase(TestDatabase.MARIADB)
@TestPropertySource(properties = R2dbcTestProperties.MARIADB_URL)
class MariaDbBlockingTransactionTests extends AbstractBlockingTransactionTests {

	/**
	 * MariaDB shows the level of a running transaction in {@code INFORMATION_SCHEMA.INNODB_TRX} (not in
	 * {@code @@tx_isolation}, the session's default) once the transaction has read a table.
	 */
	@Override
	String isolationLevelSeenByDatabase() {
		this.store.ids();
		return this.store.client()
			.sql("SELECT trx_isolation_level FROM information_schema.INNODB_TRX "
					+ "WHERE trx_mysql_thread_id = CONNECTION_ID()")
			.mapValue(String.class)
			.one()
			.orElseThrow();
	}

	@Test
	void databaseRejectsWritesInAReadOnlyTransaction() {
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.service.insertReadOnly(1))
			.withMessageContaining("READ ONLY transaction");
		assertThat(this.store.ids()).isEmpty();
		assertThat(this.store.acquiredConnections()).isZero();
	}

}
