package io.blockingbridge.sample.orders;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongConsumer;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.blockingbridge.sample.MustFinish;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * The {@code Idempotency-Key} of {@code POST /orders}: the first request with a key (per customer)
 * stores it in {@code sample_idempotency_keys} in the same transaction that opens its order, linked
 * to that order ({@code order_id}), and records its answer there; a retry with the same key and body
 * gets that answer again instead of a second order, from any instance sharing the database. The same
 * key with a different body is answered {@code 422}; an invalid key {@code 400}.
 * <p>
 * A key is stored only together with its order, so a key never leads to two orders, and a request
 * that failed before its order was opened (a bad request, an overloaded database) leaves nothing
 * behind: a retry places the order. Once an order exists, its key is never released. A retry whose
 * first request has recorded no answer (it is still running, or it ended with {@code 503},
 * {@code 504} or a client that went away) is answered from the order: {@code 409} with
 * {@code Retry-After} while the order is {@code PENDING}, then {@code 201} with its {@code Location}
 * once {@code ACCEPTED}, or {@code 502} naming it once {@code FAILED}; that answer is recorded.
 * Only answers that settle the order are recorded ({@code 201} and {@code 502}).
 */
@Service
class IdempotencyKeys {

	/** The request header. */
	static final String HEADER = "Idempotency-Key";

	private static final int MAX_LENGTH = 100;

	private final BlockingDatabaseClient database;

	private final JsonMapper json;

	private final JsonMapper problemJson;

	private final MustFinish mustFinish;

	IdempotencyKeys(BlockingDatabaseClient database, JsonMapper json, MustFinish mustFinish) {
		this.database = database;
		this.json = json;
		this.problemJson = json.rebuild().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();
		this.mustFinish = mustFinish;
	}

	/**
	 * Places an order at most once per key.
	 * @param key the request's {@code Idempotency-Key}
	 * @param customer the logged-in customer, whose key it is
	 * @param request the order
	 * @param placement places the order, calling the given consumer with the order's id in the
	 * transaction that opens it
	 * @return the answer, the first one's if the key was used before
	 */
	ResponseEntity<?> once(String key, String customer, NewOrder request,
			Function<LongConsumer, ResponseEntity<Map<String, Object>>> placement) {
		validate(key);
		String fingerprint = fingerprint(request);
		StoredAnswer existing = find(customer, key);
		if (existing != null) {
			return replay(customer, key, fingerprint, existing);
		}
		ResponseEntity<Map<String, Object>> answer;
		try {
			answer = placement.apply((orderId) -> claim(customer, key, fingerprint, orderId));
		}
		catch (DuplicateKeyException ex) {
			// Another request with the key opened its order first (this one's was rolled back).
			StoredAnswer stored = find(customer, key);
			if (stored == null) {
				throw inProgress(key);
			}
			return replay(customer, key, fingerprint, stored);
		}
		catch (OrderFailedException ex) {
			try {
				record(customer, key, ex.getStatusCode().value(), null, MediaType.APPLICATION_PROBLEM_JSON,
						problemJson(ex.getBody()));
			}
			catch (RuntimeException recordFailure) {
				// The key stays linked to its failed order: a retry is answered from the order.
				ex.addSuppressed(recordFailure);
			}
			throw ex;
		}
		// Any other failure: either the order was not opened (and the key was not stored with it), or
		// the key stays linked to the order, and a retry is answered from the order.
		URI location = answer.getHeaders().getLocation();
		try {
			record(customer, key, answer.getStatusCode().value(),
					(location != null) ? location.toString() : null, MediaType.APPLICATION_JSON,
					this.json.writeValueAsString(answer.getBody()));
		}
		catch (RuntimeException ex) {
			// The order stands and the key stays linked to it: a retry is answered from the order.
		}
		return answer;
	}

	static void validate(String key) {
		boolean valid = !key.isEmpty() && key.length() <= MAX_LENGTH && key.chars().allMatch((c) -> c >= 0x21 && c <= 0x7e);
		if (!valid) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"The Idempotency-Key header must be 1 to " + MAX_LENGTH
							+ " printable ASCII characters without spaces, such as a UUID.");
			problem.setTitle("Invalid Idempotency-Key");
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
		}
	}

	private void claim(String customer, String key, String fingerprint, long orderId) {
		this.database
			.sql("INSERT INTO sample_idempotency_keys (customer, idem_key, fingerprint, order_id, created_at) "
					+ "VALUES (:customer, :key, :fingerprint, :orderId, :createdAt)")
			.bind("customer", customer)
			.bind("key", key)
			.bind("fingerprint", fingerprint)
			.bind("orderId", orderId)
			.bind("createdAt", OffsetDateTime.now())
			.fetch()
			.rowsUpdated();
	}

	private @Nullable StoredAnswer find(String customer, String key) {
		return this.database
			.sql("SELECT fingerprint, order_id, status_code, location, content_type, body FROM sample_idempotency_keys "
					+ "WHERE customer = :customer AND idem_key = :key")
			.bind("customer", customer)
			.bind("key", key)
			.map((row, metadata) -> new StoredAnswer(Objects.requireNonNull(row.get("fingerprint", String.class)),
					row.get("order_id", Long.class), row.get("status_code", Integer.class),
					row.get("location", String.class), row.get("content_type", String.class),
					row.get("body", String.class)))
			.one()
			.orElse(null);
	}

	private ResponseEntity<?> replay(String customer, String key, String fingerprint, StoredAnswer stored) {
		if (!stored.fingerprint().equals(fingerprint)) {
			throw new IdempotencyKeyException(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused",
					"The Idempotency-Key '" + key + "' was used for a different order. Use a new key for a new order.");
		}
		StoredAnswer answer = stored;
		if (answer.statusCode() == null) {
			// The first request recorded no answer (yet): answer from its order.
			answer = (stored.orderId() != null) ? fromOrder(customer, key, stored) : null;
			if (answer == null) {
				throw inProgress(key);
			}
		}
		ResponseEntity.BodyBuilder replayed = ResponseEntity.status(Objects.requireNonNull(answer.statusCode()))
			.header("Idempotent-Replayed", "true");
		if (answer.location() != null) {
			replayed.location(URI.create(answer.location()));
		}
		if (answer.contentType() != null) {
			replayed.contentType(MediaType.parseMediaType(answer.contentType()));
		}
		return replayed.body((answer.body() != null) ? answer.body() : "");
	}

	/**
	 * The answer a settled order gives to a retry of its key, recorded for the next ones; {@code null}
	 * while the order is {@code PENDING}.
	 */
	private @Nullable StoredAnswer fromOrder(String customer, String key, StoredAnswer stored) {
		long orderId = Objects.requireNonNull(stored.orderId());
		Order order = this.database
			.sql("SELECT id, customer, status, delivery_minutes, failure, created_at FROM sample_orders WHERE id = :id")
			.bind("id", orderId)
			.mapProperties(Order.class)
			.one()
			.orElse(null);
		StoredAnswer answer;
		if (order == null || order.status() == OrderStatus.PENDING) {
			return null;
		}
		else if (order.status() == OrderStatus.ACCEPTED) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("mins", order.deliveryMinutes());
			answer = new StoredAnswer(stored.fingerprint(), orderId, HttpStatus.CREATED.value(), "/orders/" + orderId,
					MediaType.APPLICATION_JSON_VALUE, this.json.writeValueAsString(body));
		}
		else {
			String failure = (order.failure() != null) ? order.failure() : "unknown";
			OrderFailedException failed = new OrderFailedException(orderId, failure);
			answer = new StoredAnswer(stored.fingerprint(), orderId, failed.getStatusCode().value(), null,
					MediaType.APPLICATION_PROBLEM_JSON_VALUE, problemJson(failed.getBody()));
		}
		try {
			if (!record(customer, key, Objects.requireNonNull(answer.statusCode()), answer.location(),
					MediaType.parseMediaType(Objects.requireNonNull(answer.contentType())),
					Objects.requireNonNull(answer.body()))) {
				// Recorded meanwhile (by the first request or another retry): answer as recorded.
				StoredAnswer recorded = find(customer, key);
				if (recorded != null && recorded.statusCode() != null) {
					return recorded;
				}
			}
		}
		catch (RuntimeException ex) {
			// Not recorded: the next retry is answered from the order again.
		}
		return answer;
	}

	/**
	 * Resolves the keys whose first request recorded no answer, older than {@code stale}, from their
	 * orders (for recovery); keys of settled orders get their answer recorded, keys of
	 * {@code PENDING} orders stay as they are.
	 * @param stale the time before which the keys were stored
	 * @param limit the most keys to look at
	 * @return the number of keys resolved
	 */
	int resolveStale(OffsetDateTime stale, int limit) {
		List<StoredKey> keys = this.database
			.sql("SELECT k.customer, k.idem_key FROM sample_idempotency_keys k JOIN sample_orders o ON o.id = k.order_id "
					+ "WHERE k.status_code IS NULL AND k.created_at < :stale AND o.status <> 'PENDING' LIMIT :limit")
			.bind("stale", stale)
			.bind("limit", limit)
			.map((row, metadata) -> new StoredKey(Objects.requireNonNull(row.get("customer", String.class)),
					Objects.requireNonNull(row.get("idem_key", String.class))))
			.all();
		int resolved = 0;
		for (StoredKey key : keys) {
			StoredAnswer stored = find(key.customer(), key.key());
			if (stored != null && stored.statusCode() == null && stored.orderId() != null
					&& fromOrder(key.customer(), key.key(), stored) != null) {
				resolved++;
			}
		}
		return resolved;
	}

	private static IdempotencyKeyException inProgress(String key) {
		IdempotencyKeyException inProgress = new IdempotencyKeyException(HttpStatus.CONFLICT, "Request in progress",
				"A request with the Idempotency-Key '" + key
						+ "' is still in progress (its order is not settled yet). Retry after it has finished.");
		inProgress.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
		return inProgress;
	}

	/**
	 * Records the answer of a key that has none yet.
	 * @return whether this call recorded it
	 */
	private boolean record(String customer, String key, int status, @Nullable String location, MediaType contentType,
			String body) {
		Long updated = this.mustFinish.evenIfInterrupted(() -> {
			var spec = this.database
				.sql("UPDATE sample_idempotency_keys SET status_code = :status, location = :location, "
						+ "content_type = :contentType, body = :body "
						+ "WHERE customer = :customer AND idem_key = :key AND status_code IS NULL")
				.bind("status", status)
				.bind("contentType", contentType.toString())
				.bind("body", body)
				.bind("customer", customer)
				.bind("key", key);
			spec = (location != null) ? spec.bind("location", location) : spec.bindNull("location", String.class);
			return spec.fetch().rowsUpdated();
		});
		return updated != null && updated > 0;
	}

	private String problemJson(ProblemDetail problem) {
		// As Spring writes it for the first answer (its handler sets the instance to the path).
		if (problem.getInstance() == null) {
			problem.setInstance(URI.create("/orders"));
		}
		return this.problemJson.writeValueAsString(problem);
	}

	private static String fingerprint(NewOrder request) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String item : request.items()) {
				update(digest, item);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void update(MessageDigest digest, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
		digest.update((byte) ':');
		digest.update(bytes);
	}

	private record StoredAnswer(String fingerprint, @Nullable Long orderId, @Nullable Integer statusCode,
			@Nullable String location, @Nullable String contentType, @Nullable String body) {
	}

	private record StoredKey(String customer, String key) {
	}

	/**
	 * A request that its {@code Idempotency-Key} does not let through: {@code 409} or {@code 422}.
	 */
	static final class IdempotencyKeyException extends ErrorResponseException {

		IdempotencyKeyException(HttpStatus status, String title, String detail) {
			super(status, problem(status, title, detail), null);
		}

		private static ProblemDetail problem(HttpStatus status, String title, String detail) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
			problem.setTitle(title);
			return problem;
		}

	}

}
