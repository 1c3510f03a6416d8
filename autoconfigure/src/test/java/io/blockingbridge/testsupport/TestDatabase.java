package io.blockingbridge.testsupport;

/**
 * The database servers the tests run against, as the development and CI machines provide them.
 */
public enum TestDatabase {

	/** PostgreSQL at 127.0.0.1:5432, database {@code test}, user {@code postgres}, trust auth. */
	POSTGRESQL("PostgreSQL", "127.0.0.1", 5432, "r2dbc:postgresql://postgres@127.0.0.1:5432/test"),

	/** MariaDB at 127.0.0.1:3306, database {@code test}, user {@code root}, no password. */
	MARIADB("MariaDB", "127.0.0.1", 3306, "r2dbc:mariadb://root@127.0.0.1:3306/test");

	private final String displayName;

	private final String host;

	private final int port;

	private final String r2dbcUrl;

	TestDatabase(String displayName, String host, int port, String r2dbcUrl) {
		this.displayName = displayName;
		this.host = host;
		this.port = port;
		this.r2dbcUrl = r2dbcUrl;
	}

	/** @return the server's name for messages */
	public String displayName() {
		return this.displayName;
	}

	/** @return the host the server listens on */
	public String host() {
		return this.host;
	}

	/** @return the port the server listens on */
	public int port() {
		return this.port;
	}

	/** @return the R2DBC URL of the test database */
	public String r2dbcUrl() {
		return this.r2dbcUrl;
	}

}
