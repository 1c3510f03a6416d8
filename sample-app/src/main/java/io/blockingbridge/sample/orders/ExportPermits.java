package io.blockingbridge.sample.orders;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Counts the running exports ({@code GET /orders/export}), per customer and in all, so that a
 * customer whose clients stop reading cannot hold every database connection: beyond
 * {@code orders.export.max-per-customer} or {@code orders.export.max-concurrent} an export is
 * answered {@code 429} with {@code Retry-After}.
 */
@Component
class ExportPermits {

	private final int maxPerCustomer;

	private final int maxConcurrent;

	private final int retryAfterSeconds;

	private final Map<String, AtomicInteger> perCustomer = new ConcurrentHashMap<>();

	private final AtomicInteger running = new AtomicInteger();

	ExportPermits(ExportProperties properties, ObjectProvider<R2dbcProperties> r2dbc) {
		if (properties.maxPerCustomer() < 1) {
			throw new IllegalStateException("orders.export.max-per-customer must be at least 1, but was "
					+ properties.maxPerCustomer() + ".");
		}
		Integer maxConcurrent = properties.maxConcurrent();
		if (maxConcurrent == null) {
			R2dbcProperties database = r2dbc.getIfAvailable();
			int poolSize = (database != null) ? database.getPool().getMaxSize() : 10;
			maxConcurrent = Math.max(1, poolSize / 2);
		}
		else if (maxConcurrent < 1) {
			throw new IllegalStateException("orders.export.max-concurrent must be at least 1, but was "
					+ maxConcurrent + ". Leave it unset for half of spring.r2dbc.pool.max-size.");
		}
		this.maxPerCustomer = properties.maxPerCustomer();
		this.maxConcurrent = maxConcurrent;
		this.retryAfterSeconds = properties.retryAfterSeconds();
	}

	/**
	 * Takes a permit for an export of a customer.
	 * @param customer the customer
	 * @return the permit, to be released once the export ends (idempotent)
	 * @throws ErrorResponseException ({@code 429}) if the customer or all customers run as many
	 * exports as allowed
	 */
	Runnable acquire(String customer) {
		AtomicInteger own = this.perCustomer.computeIfAbsent(customer, (name) -> new AtomicInteger());
		if (own.incrementAndGet() > this.maxPerCustomer) {
			own.decrementAndGet();
			throw tooMany("You are running " + this.maxPerCustomer
					+ " exports already, as many as one customer may. Finish reading (or close) one of them first.");
		}
		if (this.running.incrementAndGet() > this.maxConcurrent) {
			this.running.decrementAndGet();
			own.decrementAndGet();
			throw tooMany("The server is running as many exports as it allows (" + this.maxConcurrent
					+ "). Try again later.");
		}
		AtomicBoolean released = new AtomicBoolean();
		return () -> {
			if (released.compareAndSet(false, true)) {
				this.running.decrementAndGet();
				own.decrementAndGet();
			}
		};
	}

	/** The exports running now, for tests and diagnostics. */
	int running() {
		return this.running.get();
	}

	private ErrorResponseException tooMany(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, detail);
		problem.setTitle("Too many exports");
		ErrorResponseException ex = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
		ex.getHeaders().set(HttpHeaders.RETRY_AFTER, Integer.toString(this.retryAfterSeconds));
		return ex;
	}

}
