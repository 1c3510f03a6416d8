package io.blockingbridge.sample.orders;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

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
 * claims it in {@code sample_idempotency_keys} and records its answer there; a retry with the same
 * key and body gets that answer again instead of a second order, from any instance sharing the
 * database. A retry while the first request is still running is answered {@code 409} (with
 * {@code Retry-After}); the same key with a different body {@code 422}; an invalid key {@code 400}.
 * <p>
 * Only answers that settle the order are recorded ({@code 201}, and {@code 502} for an order the
 * kitchen did not accept). Any other outcome (a bad request, an overloaded database, a client that
 * went away) releases the key, so that a retry places the order anew.
 */
@Service
class IdempotencyKeys {

	/** The request header. */
	static final String HEADER = "Idempotency-Key";

	private static final int MAX_LENGTH = 100;

	private final BlockingDatabaseClient database;

	private final JsonMapper json;

	private final JsonMapper problemJson;

	IdempotencyKeys(BlockingDatabaseClient database, JsonMapper json) {
		this.database = database;
		this.json = json;
		this.problemJson = json.rebuild().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();
	}

	/**
	 * Places an order at most once per key.
	 * @param key the request's {@code Idempotency-Key}
	 * @param customer the logged-in customer, whose key it is
	 * @param request the order
	 * @param placement places the order
	 * @return the answer, the first one's if the key was used before
	 */
	ResponseEntity<?> once(String key, String customer, NewOrder request, Supplier<ResponseEntity<Map<String, Object>>> placement) {
		validate(key);
		String fingerprint = fingerprint(request);
		if (!claim(customer, key, fingerprint)) {
			return replay(customer, key, fingerprint);
		}
		ResponseEntity<Map<String, Object>> answer;
		try {
			answer = placement.get();
		}
		catch (OrderFailedException ex) {
			try {
				record(customer, key, ex.getStatusCode().value(), null, MediaType.APPLICATION_PROBLEM_JSON,
						problemJson(ex.getBody()));
			}
			catch (RuntimeException recordFailure) {
				ex.addSuppressed(recordFailure);
				release(customer, key, ex);
			}
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			release(customer, key, ex);
			throw ex;
		}
		URI location = answer.getHeaders().getLocation();
		try {
			record(customer, key, answer.getStatusCode().value(),
					(location != null) ? location.toString() : null, MediaType.APPLICATION_JSON,
					this.json.writeValueAsString(answer.getBody()));
		}
		catch (RuntimeException ex) {
			// The order stands; a retry would place another one, which is better than a key stuck
			// in progress.
			release(customer, key, ex);
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

	private boolean claim(String customer, String key, String fingerprint) {
		try {
			this.database
				.sql("INSERT INTO sample_idempotency_keys (customer, idem_key, fingerprint, created_at) "
						+ "VALUES (:customer, :key, :fingerprint, :createdAt)")
				.bind("customer", customer)
				.bind("key", key)
				.bind("fingerprint", fingerprint)
				.bind("createdAt", OffsetDateTime.now())
				.fetch()
				.rowsUpdated();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	private ResponseEntity<?> replay(String customer, String key, String fingerprint) {
		StoredAnswer stored = this.database
			.sql("SELECT fingerprint, status_code, location, content_type, body FROM sample_idempotency_keys "
					+ "WHERE customer = :customer AND idem_key = :key")
			.bind("customer", customer)
			.bind("key", key)
			.map((row, metadata) -> new StoredAnswer(Objects.requireNonNull(row.get("fingerprint", String.class)),
					row.get("status_code", Integer.class), row.get("location", String.class),
					row.get("content_type", String.class), row.get("body", String.class)))
			.one()
			// Released between the INSERT and this SELECT: as good as in progress, try again.
			.orElseGet(() -> new StoredAnswer(fingerprint, null, null, null, null));
		if (!stored.fingerprint().equals(fingerprint)) {
			throw new IdempotencyKeyException(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused",
					"The Idempotency-Key '" + key + "' was used for a different order. Use a new key for a new order.");
		}
		if (stored.statusCode() == null) {
			IdempotencyKeyException inProgress = new IdempotencyKeyException(HttpStatus.CONFLICT,
					"Request in progress", "A request with the Idempotency-Key '" + key
							+ "' is still in progress. Retry after it has finished.");
			inProgress.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
			throw inProgress;
		}
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(stored.statusCode()).header("Idempotent-Replayed", "true");
		if (stored.location() != null) {
			answer.location(URI.create(stored.location()));
		}
		if (stored.contentType() != null) {
			answer.contentType(MediaType.parseMediaType(stored.contentType()));
		}
		return answer.body((stored.body() != null) ? stored.body() : "");
	}

	private void record(String customer, String key, int status, @Nullable String location, MediaType contentType,
			String body) {
		MustFinish.evenIfInterrupted(() -> {
			var spec = this.database
				.sql("UPDATE sample_idempotency_keys SET status_code = :status, location = :location, "
						+ "content_type = :contentType, body = :body WHERE customer = :customer AND idem_key = :key")
				.bind("status", status)
				.bind("contentType", contentType.toString())
				.bind("body", body)
				.bind("customer", customer)
				.bind("key", key);
			spec = (location != null) ? spec.bind("location", location) : spec.bindNull("location", String.class);
			return spec.fetch().rowsUpdated();
		});
	}

	private void release(String customer, String key, Throwable cause) {
		try {
			MustFinish.evenIfInterrupted(() -> this.database
				.sql("DELETE FROM sample_idempotency_keys WHERE customer = :customer AND idem_key = :key AND status_code IS NULL")
				.bind("customer", customer)
				.bind("key", key)
				.fetch()
				.rowsUpdated());
		}
		catch (RuntimeException ex) {
			// The key stays claimed until OrderRecovery removes stale claims.
			cause.addSuppressed(ex);
		}
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

	private record StoredAnswer(String fingerprint, @Nullable Integer statusCode, @Nullable String location,
			@Nullable String contentType, @Nullable String body) {
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
