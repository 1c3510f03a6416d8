package io.blockingbridge.sample.notifications;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeInterruptedException;
import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.blockingbridge.sample.MustFinish;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;

/**
 * Notifications through PostgreSQL, for one instance or many sharing the database: a notification
 * is sent with {@code NOTIFY} ({@code pg_notify}) on channel {@value #CHANNEL}, and every instance
 * listens on that channel on a connection of its own and hands what arrives to its sessions. The
 * instance that sends a notification receives it the same way, so there is one path for all.
 * <p>
 * PostgreSQL delivers a notification when the transaction that sent it commits: sent inside a
 * transaction it waits for the commit, sent outside (as {@code OrderFlow} does, after its writes have
 * committed) it goes at once. Payloads must be shorter than 8000 bytes
 * ({@link NotificationHub#MAX_PAYLOAD_BYTES}).
 * <p>
 * The listening connection is taken from the driver itself, not from the pool: it stays open as long
 * as the application runs, and a pooled connection given back to the pool would stop listening (or
 * hand its notifications to whoever borrows it next). It is read in blocking style on a virtual
 * thread of its own with {@link Bridge#stream(Flux, Duration)} and no time limit. When the
 * connection drops (a database restart, a terminated backend, a network failure) the thread opens a
 * new one, after a pause that doubles from {@value #MIN_BACKOFF_MILLIS} ms up to
 * {@value #MAX_BACKOFF_SECONDS} s while the database stays unreachable. Notifications sent while an
 * instance is not listening are missed by the customers connected to it, as they would be by a
 * customer without an open session.
 */
final class PostgresNotifications implements NotificationTransport, SmartLifecycle {

	/** The channel of {@code LISTEN} and {@code NOTIFY}. */
	static final String CHANNEL = "sample_notifications";

	private static final long MIN_BACKOFF_MILLIS = 100;

	private static final long MAX_BACKOFF_SECONDS = 10;

	/** How long start-up waits for the first {@code LISTEN}. */
	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	/** Notifications that may wait for this instance's sessions, beyond which the oldest are dropped. */
	private static final int BUFFER = 10_000;

	private static final Log logger = LogFactory.getLog(PostgresNotifications.class);

	private final ConnectionFactory connectionFactory;

	private final BlockingDatabaseClient database;

	private final NotificationSessions sessions;

	private final JsonMapper json;

	private final MustFinish mustFinish;

	private volatile @Nullable Thread listener;

	private volatile @Nullable Connection connection;

	private volatile CountDownLatch listening = new CountDownLatch(1);

	/**
	 * @param connectionFactory the application's connection factory; the listener opens its
	 * connection with the driver's factory inside it (see {@link #driverFactory})
	 */
	PostgresNotifications(ConnectionFactory connectionFactory, BlockingDatabaseClient database,
			NotificationSessions sessions, JsonMapper json, MustFinish mustFinish) {
		this.connectionFactory = driverFactory(connectionFactory);
		this.database = database;
		this.sessions = sessions;
		this.json = json;
		this.mustFinish = mustFinish;
	}

	/**
	 * Whether the application's database is PostgreSQL.
	 */
	static boolean supports(ConnectionFactory connectionFactory) {
		return "PostgreSQL".equals(driverFactory(connectionFactory).getMetadata().getName());
	}

	/**
	 * The driver's own factory inside the pool and the bridge's transaction-bound wrapper, so that
	 * the listening connection is a connection of its own, outside the pool.
	 */
	private static ConnectionFactory driverFactory(ConnectionFactory factory) {
		ConnectionFactory unwrapped = factory;
		while (unwrapped instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner
				&& inner != unwrapped) {
			unwrapped = inner;
		}
		return unwrapped;
	}

	@Override
	public void publish(Notification notification) {
		try {
			// Finishes even if the request's client has gone meanwhile: the order it announces stands.
			this.mustFinish.evenIfInterrupted(() -> {
				this.database.sql("SELECT pg_notify(:channel, :payload)")
					.bind("channel", CHANNEL)
					.bind("payload", notification.toPayload(this.json))
					.then();
				return null;
			});
		}
		catch (RuntimeException ex) {
			String message = notification.message();
			logger.warn("Could not notify " + notification.customer() + " ("
					+ ((message.length() > 100) ? message.substring(0, 100) + "..." : message) + "): " + ex);
		}
	}

	@Override
	public void start() {
		this.listening = new CountDownLatch(1);
		Thread thread = Thread.ofVirtual().name("notification-listener").unstarted(this::listen);
		this.listener = thread;
		thread.start();
		try {
			if (!this.listening.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Not listening for notifications on PostgreSQL after " + START_TIMEOUT
						+ "; still trying. Notifications sent meanwhile are not delivered on this instance.");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The listener thread: listens until the application stops, opening a new connection when one
	 * drops.
	 */
	private void listen() {
		long backoffMillis = MIN_BACKOFF_MILLIS;
		while (this.listener == Thread.currentThread()) {
			try {
				listenOnce();
				backoffMillis = MIN_BACKOFF_MILLIS;
				if (this.listener == Thread.currentThread()) {
					logger.warn("The connection listening for notifications was closed; opening a new one");
				}
			}
			catch (BridgeInterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				if (this.listener != Thread.currentThread()) {
					return;
				}
				logger.warn("Listening for notifications failed; trying again in " + backoffMillis + " ms: " + ex);
			}
			try {
				Thread.sleep(backoffMillis);
			}
			catch (InterruptedException ex) {
				return;
			}
			backoffMillis = Math.min(2 * backoffMillis, TimeUnit.SECONDS.toMillis(MAX_BACKOFF_SECONDS));
		}
	}

	/**
	 * Opens a connection, listens on it and delivers what arrives until it closes.
	 */
	private void listenOnce() {
		Connection opened = Bridge.await(Mono.from(this.connectionFactory.create()));
		if (opened == null) {
			throw new IllegalStateException("The connection factory completed without a connection");
		}
		this.connection = opened;
		try {
			if (!(opened instanceof PostgresqlConnection postgres)) {
				throw new IllegalStateException("Notifications need a PostgreSQL connection, but got " + opened);
			}
			// Subscribed before LISTEN, so that nothing sent after LISTEN is missed. The driver drops
			// notifications that no one has asked for: a buffer absorbs bursts.
			Flux<io.r2dbc.postgresql.api.Notification> arriving = postgres.getNotifications()
				.onBackpressureBuffer(BUFFER, (dropped) -> logger.warn("Dropped a notification: " + dropped.getParameter()),
						BufferOverflowStrategy.DROP_OLDEST);
			try (Stream<io.r2dbc.postgresql.api.Notification> notifications = Bridge.stream(arriving, Duration.ZERO)) {
				Bridge.await(postgres.createStatement("LISTEN " + CHANNEL)
					.execute()
					.flatMap(PostgresqlResult::getRowsUpdated)
					.then());
				this.listening.countDown();
				logger.debug("Listening for notifications on channel " + CHANNEL);
				notifications.forEach(this::deliver);
			}
		}
		finally {
			this.connection = null;
			close(opened);
		}
	}

	private void deliver(io.r2dbc.postgresql.api.Notification received) {
		String payload = received.getParameter();
		try {
			Notification notification = Notification.fromPayload(this.json, (payload != null) ? payload : "");
			this.sessions.deliver(notification.customer(), notification.message());
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Ignored a notification on channel " + CHANNEL + ": " + ex.getMessage());
		}
	}

	private static void close(Connection connection) {
		try {
			Bridge.awaitUninterruptibly(Mono.from(connection.close()), Duration.ofSeconds(10));
		}
		catch (RuntimeException ex) {
			logger.debug("Closing the listening connection failed: " + ex);
		}
	}

	@Override
	public void stop() {
		Thread thread = this.listener;
		this.listener = null;
		if (thread != null) {
			Connection current = this.connection;
			if (current != null) {
				// Ends the stream of notifications; the interrupt ends any wait in between.
				Mono.from(current.close()).subscribe(null, (ex) -> logger.debug("Closing failed: " + ex));
			}
			thread.interrupt();
			try {
				thread.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.listener != null;
	}

	/**
	 * Starts before the web server (and stops after it), so that an instance that takes requests
	 * is already listening.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

}
