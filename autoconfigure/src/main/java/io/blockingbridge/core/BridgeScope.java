package io.blockingbridge.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The Reactor Context that blocking-style code on the current thread runs for, and the default time
 * limit of its awaits. Every publisher awaited through {@link Bridge} is subscribed with this
 * context, so filters, security, tracing and transactions downstream see the request's values.
 * <p>
 * Scopes nest: opening one on a thread that has one already replaces it until the new one is
 * closed. Opening a scope also restores the ThreadLocal values that Micrometer's context-propagation
 * knows how to read from the context (MDC, observations), and closing it clears them again.
 * <pre class="code">
 * try (BridgeScope scope = BridgeScope.open(contextView)) {
 *     blockingCode();
 * }
 * </pre>
 * Scopes are opened by the bridge itself for {@code @BlockingStyle} requests and
 * {@link Bridge#spawn spawned} tasks; integrations open nested ones to add values, such as a
 * transaction, to the context.
 */
public final class BridgeScope implements AutoCloseable {

	private static final ThreadLocal<@Nullable BridgeScope> CURRENT = new ThreadLocal<>();

	private static volatile Duration defaultTimeout = Duration.ofSeconds(30);

	private final Context context;

	private final Duration timeout;

	private final @Nullable BridgeScope previous;

	private final Thread owner;

	private final AutoCloseable threadLocals;

	private boolean closed;

	private BridgeScope(Context context, Duration timeout, @Nullable BridgeScope previous, AutoCloseable threadLocals) {
		this.context = context;
		this.timeout = timeout;
		this.previous = previous;
		this.owner = Thread.currentThread();
		this.threadLocals = threadLocals;
	}

	/**
	 * Open a scope on the current thread with the given context and the time limit of the scope it
	 * nests in (or the {@link #defaultTimeout() default} if there is none).
	 * @param context the Reactor Context blocking code runs for
	 * @return the open scope, to be closed on the same thread
	 */
	public static BridgeScope open(ContextView context) {
		BridgeScope previous = CURRENT.get();
		return open(context, (previous != null) ? previous.timeout : defaultTimeout);
	}

	/**
	 * Open a scope on the current thread with the given context and time limit.
	 * @param context the Reactor Context blocking code runs for
	 * @param timeout the limit of every await that has none of its own; zero means none
	 * @return the open scope, to be closed on the same thread
	 */
	public static BridgeScope open(ContextView context, Duration timeout) {
		BridgeScope previous = CURRENT.get();
		AutoCloseable threadLocals = ThreadLocalRestorer.restoreFrom(context);
		BridgeScope scope = new BridgeScope(Context.of(context), timeout, previous, threadLocals);
		CURRENT.set(scope);
		return scope;
	}

	/**
	 * Return the scope the current thread runs in.
	 * @return the current scope, or {@code null} outside of one
	 */
	public static @Nullable BridgeScope current() {
		return CURRENT.get();
	}

	/**
	 * Return the limit for awaits that run outside of any scope and for scopes opened without one;
	 * set from the {@code bridge.timeout} property.
	 * @return the default time limit; zero means none
	 */
	public static Duration defaultTimeout() {
		return defaultTimeout;
	}

	/**
	 * Set the limit for awaits outside of any scope and for scopes opened without one.
	 * @param timeout the time limit; zero means none
	 */
	public static void setDefaultTimeout(Duration timeout) {
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("The bridge timeout must not be negative, but was " + timeout);
		}
		defaultTimeout = timeout;
	}

	/**
	 * Return the time limit an await on the current thread uses when it has none of its own.
	 * @return the current scope's limit, or the {@link #defaultTimeout() default} outside of a scope
	 */
	public static Duration currentTimeout() {
		BridgeScope scope = CURRENT.get();
		return (scope != null) ? scope.timeout : defaultTimeout;
	}

	/**
	 * Return the Reactor Context of this scope.
	 * @return the context
	 */
	public Context context() {
		return this.context;
	}

	/**
	 * Return the limit of awaits in this scope that have none of their own.
	 * @return the time limit; zero means none
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Close this scope: the scope it nested in, if any, becomes current again and the ThreadLocal
	 * values it restored are reset.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		if (Thread.currentThread() != this.owner) {
			throw new BridgeUsageException("A bridge scope must be closed on the thread that opened it ('"
					+ this.owner.getName() + "'), not on '" + Thread.currentThread().getName() + "'");
		}
		if (CURRENT.get() != this) {
			throw new BridgeUsageException("Bridge scopes must be closed in the reverse order of opening them");
		}
		this.closed = true;
		if (this.previous != null) {
			CURRENT.set(this.previous);
		}
		else {
			CURRENT.remove();
		}
		try {
			this.threadLocals.close();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not reset thread locals restored by a bridge scope", ex);
		}
	}

}
