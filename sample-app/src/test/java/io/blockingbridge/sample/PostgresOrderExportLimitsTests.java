package io.blockingbridge.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports whose clients stop reading hold a database connection (a cursor) each: a customer may
 * run at most {@code orders.export.max-per-customer} at once and all customers together at most
 * {@code orders.export.max-concurrent}; beyond that the answer is {@code 429} with
 * {@code Retry-After} and a problem detail, and a permit is given back when its export's client goes
 * away. Two customers of their own with 150,000 orders each, so that an export fills the socket
 * buffers and stays open while its client does not read.
 */
@ActiveProfiles("postgres")
@RequiresPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "orders.export.max-per-customer=2", "orders.export.max-concurrent=3" })
class PostgresOrderExportLimitsTests {

	private static final List<String> CUSTOMERS = List.of("bulk-export-a", "bulk-export-b");

	/** ada's password hash: the bulk customers log in with "ada-password". */
	private static final String ADA_HASH = "{bcrypt}$2a$10$NvEl270r94CzEpOfrNXBPerlJqT0Bf0Mq6W5hIRQIZb3VN351kF5u";

	private static final int ORDERS_EACH = 150_000;

	private static BlockingDatabaseClient sharedDatabase;

	@Autowired
	BlockingDatabaseClient database;

	@LocalServerPort
	int port;

	private final List<Socket> held = new ArrayList<>();

	@AfterEach
	void closeHeld() {
		this.held.forEach(PostgresOrderExportLimitsTests::close);
	}

	@AfterAll
	static void removeBulkCustomers() {
		if (sharedDatabase != null) {
			for (String customer : CUSTOMERS) {
				sharedDatabase.sql("DELETE FROM sample_orders WHERE customer = :customer").bind("customer", customer)
					.fetch().rowsUpdated();
				sharedDatabase.sql("DELETE FROM sample_customers WHERE name = :customer").bind("customer", customer)
					.fetch().rowsUpdated();
			}
		}
	}

	@Test
	void stalledExportsAreLimitedPerCustomerAndInAll() throws Exception {
		createBulkCustomers();
		String a = CUSTOMERS.get(0);
		String b = CUSTOMERS.get(1);
		Socket firstOfA = holdExport(a);
		holdExport(a);
		assertTooMany(a, "as many as one customer may");
		holdExport(b);
		// b runs one export, but all customers together run the most allowed.
		assertTooMany(b, "as many exports as it allows (3)");

		// A client that goes away gives its permit back.
		close(firstOfA);
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		int status = 429;
		while (status == 429 && System.nanoTime() < deadline) {
			Thread.sleep(200);
			status = exportStatus(b);
		}
		assertThat(status).isEqualTo(200);
	}

	private void createBulkCustomers() {
		sharedDatabase = this.database;
		for (String customer : CUSTOMERS) {
			this.database
				.sql("INSERT INTO sample_customers (name, full_name, password_hash) SELECT :name, 'Bulk exporter', :hash "
						+ "WHERE NOT EXISTS (SELECT 1 FROM sample_customers WHERE name = :name)")
				.bind("name", customer)
				.bind("hash", ADA_HASH)
				.fetch()
				.rowsUpdated();
			this.database.sql("DELETE FROM sample_orders WHERE customer = :customer").bind("customer", customer)
				.fetch().rowsUpdated();
			this.database
				.sql("INSERT INTO sample_orders (customer, status, delivery_minutes, created_at) "
						+ "SELECT :customer, 'ACCEPTED', 20, now() FROM generate_series(1, " + ORDERS_EACH + ")")
				.bind("customer", customer)
				.fetch()
				.rowsUpdated();
		}
	}

	/** Starts an export, reads its status line and headers, and then reads nothing more. */
	private Socket holdExport(String customer) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(4096);
		socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
		socket.setSoTimeout(30_000);
		this.held.add(socket);
		socket.getOutputStream()
			.write(("GET /orders/export HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/x-ndjson\r\n"
					+ "Authorization: Basic " + java.util.Base64.getEncoder()
						.encodeToString((customer + ":ada-password").getBytes(StandardCharsets.UTF_8))
					+ "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		String head = readHead(socket.getInputStream());
		assertThat(head).startsWith("HTTP/1.1 200");
		return socket;
	}

	private void assertTooMany(String customer, String detail) throws Exception {
		HttpResponse<String> answer = export(customer);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(429);
		assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(answer.body()).contains("\"title\":\"Too many exports\"").contains(detail);
	}

	private int exportStatus(String customer) throws Exception {
		HttpRequest request = exportRequest(customer);
		HttpResponse<InputStream> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
		answer.body().close();
		return answer.statusCode();
	}

	private HttpResponse<String> export(String customer) throws Exception {
		return HttpClient.newHttpClient().send(exportRequest(customer), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest exportRequest(String customer) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/orders/export"))
			.header("Authorization", "Basic " + java.util.Base64.getEncoder()
				.encodeToString((customer + ":ada-password").getBytes(StandardCharsets.UTF_8)))
			.header("Accept", "application/x-ndjson")
			.timeout(Duration.ofSeconds(30))
			.build();
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (true) {
			int b = in.read();
			if (b == -1) {
				break;
			}
			head.write(b);
			String text = head.toString(StandardCharsets.ISO_8859_1);
			if (text.endsWith("\r\n\r\n")) {
				return text;
			}
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closed already.
		}
	}

}
