package io.blockingbridge.sample;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unexpected failure (here: the customers' table is missing for a moment) is answered
 * {@code 500} with a problem detail that tells nothing of the internals. H2 only: the test renames
 * a table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class InternalErrorTests {

	@Autowired
	WebTestClient client;

	@Autowired
	BlockingDatabaseClient database;

	@Test
	void unexpectedFailureIsAnInternalErrorProblemWithoutInternals() {
		this.database.sql("ALTER TABLE sample_customers RENAME TO sample_customers_away").fetch().rowsUpdated();
		try {
			String body = this.client.get().uri("/customers").exchange()
				.expectStatus().isEqualTo(500)
				.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(body).contains("\"status\":500", "\"title\":\"Internal error\"")
				.doesNotContainIgnoringCase("sample_customers")
				.doesNotContainIgnoringCase("sql")
				.doesNotContain("Exception", "trace");
		}
		finally {
			this.database.sql("ALTER TABLE sample_customers_away RENAME TO sample_customers").fetch().rowsUpdated();
		}
		this.client.get().uri("/customers").exchange().expectStatus().isOk();
	}

}
