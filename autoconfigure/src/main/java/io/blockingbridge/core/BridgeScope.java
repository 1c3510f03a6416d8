package io.blockingbridge.core;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
 * <h2>Time limits</h2> A scope carries the limit of the awaits in it that have none of their own,
 * and may carry a deadline (a transaction's timeout): every await in it, and in the scopes nested in
 * it, then gets at most the time that remains until that deadline. A nested scope opened without a
 * limit inherits the one of the scope it nests in. Which limit an await gets, inside and outside of
 * scopes, is written down once in docs/bridge.md, section "Time limits"; {@link #currentTimeout()}
 * answers it.
 * <h2>Streams</h2> A {@link Bridge#stream(reactor.core.publisher.Flux) stream} opened in a scope
 * belongs to it: closing the scope closes every stream opened in it that is still open (and cancels
 * its publisher, which releases a database connection held for it), so that a stream its code
 * forgot to close does not hold its resources beyond the request, spawned task or transaction it
 * was opened in.
 */
public final class BridgeScope implements AutoCloseable {

	/**
	 * The limit of last resort, 30 seconds: for awaits outside of any scope that belong to no
	 * application (none or several application contexts with the bridge run in this JVM), and the
	 * default of the {@code bridge.timeout} property. See docs/bridge.md, "Time limits".
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	/** What an await gets once a deadline has passed: it gives up at once, but zero would mean none. */
	private static final Duration EXPIRED = Duration.ofNanos(1);

	private static final long NO_DEADLINE = Long.MAX_VALUE;

	private static final ThreadLocal<@Nullable BridgeScope> CURRENT = new ThreadLocal<>();

	private static final Log logger = LogFactory.getLog(BridgeScope.class);

	private final Context context;

	private final Duration timeout;

	private final long deadlineNanos;

	private final @Nullable BridgeScope previous;

	private final Thread owner;

	private final AutoCloseable threadLocals;

	private boolean closed;

	private @Nullable Map<Object, Object> attributes;

	private final Set<StreamSubscriber<?>> openStreams = ConcurrentHashMap.newKeySet();

	private final @Nullable AwaitObserver observer;

	/** The outermost scope of the thread, which keeps what the thread awaits and whether it is cancelled. */
	private final BridgeScope root;

	private volatile @Nullable Object awaiting;

	private volatile boolean cancelled;

	private BridgeScope(Context context, Duration timeout, long deadlineNanos, @Nullable BridgeScope previous,
			AutoCloseable threadLocals) {
		this.context = context;
		this.timeout = timeout;
		this.deadlineNanos = deadlineNanos;
		this.previous = previous;
		this.owner = Thread.currentThread();
		this.threadLocals = threadLocals;
		AwaitObserver own = AwaitObserver.from(context);
		this.observer = (own != null || previous == null) ? own : previous.observer;
		this.root = (previous != null) ? previous.root : this;
	}

	/**
	 * Open a scope on the current thread with the given context and the time limit of the scope it
	 * nests in (outside of any scope, the limit {@link #currentTimeout()} answers there).
	 * @param context the Reactor Context blocking code runs for
	 * @return the open scope, to be closed on the same thread
	 */
	public static BridgeScope open(ContextView context) {
		BridgeScope previous = CURRENT.get();
		return open(context, (previous != null) ? previous.timeout : TimeLimits.outsideScope(null));
	}

	/**
	 * Open a scope on the current thread with the given context and time limit. A deadline of the
	 * scope it nests in still applies.
	 * @param context the Reactor Context blocking code runs for
	 * @param timeout the limit of every await that has none of its own; zero means none
	 * @return the open scope, to be closed on the same thread
	 */
	public static BridgeScope open(ContextView context, Duration timeout) {
		return open(context, timeout, NO_DEADLINE);
	}

	/**
	 * Open a scope on the current thread with the given context, time limit and deadline: every
	 * await in the scope without a limit of its own gets the smaller of the limit and the time that
	 * remains until the deadline, so that several awaits together cannot outlast it. Used for a
	 * transaction's timeout.
	 * @param context the Reactor Context blocking code runs for
	 * @param timeout the limit of every await that has none of its own; zero means none
	 * @param deadline how long from now the deadline is; must be positive
	 * @return the open scope, to be closed on the same thread
	 */
	public static BridgeScope openWithDeadline(ContextView context, Duration timeout, Duration deadline) {
		if (deadline.isNegative() || deadline.isZero()) {
			throw new IllegalArgumentException("A deadline must be in the future, but was " + deadline + " from now");
		}
		return open(context, timeout, System.nanoTime() + deadline.toNanos());
	}

	/**
	 * Open a scope on the current thread for a fork of the given scope (see {@link BridgeTasks}):
	 * with the given context, the scope's time limit and its deadline, if it has one.
	 * @param context the Reactor Context the fork runs for
	 * @param parent the scope the fork was started in, on another thread, or {@code null} if it was
	 * started outside of any scope
	 * @return the open scope, to be closed on the same thread
	 */
	static BridgeScope openFork(ContextView context, @Nullable BridgeScope parent) {
		if (parent == null) {
			return open(context, TimeLimits.outsideScope(null), NO_DEADLINE);
		}
		return open(context, parent.timeout, parent.deadlineNanos);
	}

	/**
	 * Check a limit of awaits given by the caller.
	 * @param timeout the limit; zero means none
	 * @throws IllegalArgumentException if it is negative
	 */
	static void checkTimeout(Duration timeout) {
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("The bridge timeout must not be negative, but was " + timeout
					+ "; use Duration.ZERO for no limit");
		}
	}

	private static BridgeScope open(ContextView context, Duration timeout, long deadlineNanos) {
		checkTimeout(timeout);
		BridgeScope previous = CURRENT.get();
		long deadline = deadlineNanos;
		if (previous != null && previous.deadlineNanos != NO_DEADLINE
				&& (deadline == NO_DEADLINE || previous.deadlineNanos - deadline < 0)) {
			deadline = previous.deadlineNanos;
		}
		Context kept = NoopObservations.strip(Context.of(context));
		AutoCloseable threadLocals = ThreadLocalRestorer.restoreFrom(kept);
		BridgeScope scope = new BridgeScope(kept, timeout, deadline, previous, threadLocals);
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
	 * Return the limit for awaits that run outside of any scope and belong to no component of an
	 * application: the {@code bridge.timeout} of the only application context with the bridge
	 * running in this JVM, else {@link #DEFAULT_TIMEOUT} (docs/bridge.md, "Time limits").
	 * @return the time limit; zero means none
	 */
	public static Duration defaultTimeout() {
		return TimeLimits.outsideScope(null);
	}

	/**
	 * Return the time limit an await on the current thread uses when it has none of its own and
	 * belongs to no component of an application (components ask their
	 * {@link BridgeSettings#scopeTimeout()}); the rule is written down in docs/bridge.md, "Time
	 * limits".
	 * @return the current scope's limit, shortened to the time left until its deadline if it has
	 * one; outside of a scope, {@link #defaultTimeout()}
	 */
	public static Duration currentTimeout() {
		return TimeLimits.resolve(null);
	}

	/**
	 * Return the time left until the deadline of the current thread's scope.
	 * @return the time left (at least a nanosecond), or zero if there is no deadline
	 */
	static Duration currentDeadlineRemaining() {
		BridgeScope scope = CURRENT.get();
		if (scope == null || scope.deadlineNanos == NO_DEADLINE) {
			return Duration.ZERO;
		}
		long remaining = scope.deadlineNanos - System.nanoTime();
		return (remaining <= 0) ? EXPIRED : Duration.ofNanos(remaining);
	}

	Duration remainingTimeout() {
		if (this.deadlineNanos == NO_DEADLINE) {
			return this.timeout;
		}
		long remaining = this.deadlineNanos - System.nanoTime();
		if (remaining <= 0) {
			return EXPIRED;
		}
		Duration left = Duration.ofNanos(remaining);
		return (this.timeout.isZero() || left.compareTo(this.timeout) < 0) ? left : this.timeout;
	}

	/**
	 * Tell whether this scope has a deadline that has passed.
	 * @return {@code true} once the deadline of this scope (or of one it nests in) has passed
	 */
	public boolean isPastDeadline() {
		return this.deadlineNanos != NO_DEADLINE && this.deadlineNanos - System.nanoTime() <= 0;
	}

	/**
	 * Return the Reactor Context of this scope.
	 * @return the context
	 */
	public Context context() {
		return this.context;
	}

	/**
	 * Return the limit of awaits in this scope that have none of their own, as it was opened
	 * (without shortening it to a deadline).
	 * @return the time limit; zero means none
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Return the publisher that the thread of this scope awaits right now, for a live view of
	 * blocked requests. May be called from any thread.
	 * @return the awaited publisher, or {@code null} if the thread is not in an await of the
	 * {@link Bridge}
	 */
	public @Nullable Object awaiting() {
		return this.root.awaiting;
	}

	/**
	 * Say what the thread of this scope awaits right now: the description given with
	 * {@link Bridge#describe}, else a name given with Reactor's {@code name(..)} operator, else
	 * "Mono". May be called from any thread.
	 * @return the description, or {@code null} if the thread is not in an await of the {@link Bridge}
	 */
	public @Nullable String awaitingDescription() {
		return AwaitDescription.of(this.root.awaiting);
	}

	/**
	 * Mark the work of this scope's thread as cancelled, before interrupting the thread: awaits that
	 * the interrupt ends count as {@link AwaitOutcome#CANCELLED} rather than
	 * {@link AwaitOutcome#INTERRUPTED}. May be called from any thread.
	 */
	public void markCancelled() {
		this.root.cancelled = true;
	}

	@Nullable AwaitObserver observer() {
		return this.observer;
	}

	/**
	 * Note that the thread starts to await the given publisher.
	 * @param publisher the publisher
	 * @return what the thread awaited before (an await in a nested call), to be given to
	 * {@link #endAwait}
	 */
	@Nullable Object beginAwait(Object publisher) {
		BridgeScope top = this.root;
		Object before = top.awaiting;
		top.awaiting = publisher;
		return before;
	}

	void endAwait(@Nullable Object before) {
		this.root.awaiting = before;
	}

	boolean isCancelled() {
		return this.root.cancelled;
	}

	/**
	 * Return the value an integration keeps in this scope under the given key, computing it on first
	 * use. Such values live exactly as long as the scope: closing it drops them, so nothing computed
	 * for one request can be seen by the next one on a pooled thread. Scopes nested in this one do
	 * not see them. To be called on the thread that owns the scope.
	 * @param <T> the type of the value
	 * @param key the key, such as a class of the integration
	 * @param computation computes the value from the key on first use
	 * @return the value
	 */
	@SuppressWarnings("unchecked")
	public <T> T computeAttributeIfAbsent(Object key, Function<Object, T> computation) {
		if (this.attributes == null) {
			this.attributes = new HashMap<>();
		}
		return (T) this.attributes.computeIfAbsent(key, computation);
	}

	/**
	 * Keep the given value in this scope under the given key, for as long as the scope is open
	 * (see {@link #computeAttributeIfAbsent}).
	 * @param key the key
	 * @param value the value
	 */
	public void setAttribute(Object key, Object value) {
		if (this.attributes == null) {
			this.attributes = new HashMap<>();
		}
		this.attributes.put(key, value);
	}

	/**
	 * Close this scope: the scope it nested in, if any, becomes current again and the ThreadLocal
	 * values it restored are reset. Closing it again does nothing.
	 * <p>
	 * Closing a scope while a scope nested in it is still open is a usage error: the nested ones
	 * are closed first (so that no scope and no restored ThreadLocal value outlives the misuse on a
	 * pooled thread), then a {@link BridgeUsageException} is thrown. Closing it from another thread
	 * than the one that opened it throws a {@link BridgeUsageException} and leaves it open, to be
	 * closed by its own thread.
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
		BridgeScope current = CURRENT.get();
		if (current == this) {
			closeThisOne();
			return;
		}
		if (!isOpenBelow(current)) {
			// not on this thread's stack: closed out of order already, nothing is left to reset
			this.closed = true;
			return;
		}
		RuntimeException failure = null;
		for (BridgeScope scope = current; scope != null && scope != this.previous; scope = scope.previous) {
			try {
				scope.closeThisOne();
			}
			catch (RuntimeException ex) {
				failure = (failure != null) ? failure : ex;
			}
		}
		BridgeUsageException misuse = new BridgeUsageException("Bridge scopes must be closed in the reverse order of "
				+ "opening them: a scope was closed while a scope nested in it was still open. Both have been closed; "
				+ "use try-with-resources blocks so that each scope is closed where it was opened");
		if (failure != null) {
			misuse.addSuppressed(failure);
		}
		throw misuse;
	}

	private boolean isOpenBelow(@Nullable BridgeScope top) {
		for (BridgeScope scope = top; scope != null; scope = scope.previous) {
			if (scope == this) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Keep the given stream open at most as long as this scope.
	 * @param stream the subscriber of a stream opened in this scope
	 */
	void track(StreamSubscriber<?> stream) {
		this.openStreams.add(stream);
	}

	/**
	 * Forget a stream that has been closed or read to its end.
	 * @param stream the subscriber of a stream opened in this scope
	 */
	void forget(StreamSubscriber<?> stream) {
		this.openStreams.remove(stream);
	}

	/**
	 * Close every stream still open in this scope, even if closing one throws.
	 * @return the first exception a stream's closing threw, with the others suppressed, or
	 * {@code null}
	 */
	private @Nullable RuntimeException closeOpenStreams() {
		RuntimeException failure = null;
		for (StreamSubscriber<?> stream : this.openStreams) {
			this.openStreams.remove(stream);
			if (logger.isWarnEnabled()) {
				logger.warn("A Stream from Bridge.stream (a BlockingDatabaseClient or repository query, for example) "
						+ "was neither closed nor read to its end; it is closed now, at the end of the bridge scope "
						+ "it was opened in, and its query cancelled. Close such streams with try-with-resources "
						+ "where they are opened");
			}
			try {
				stream.cancel();
			}
			catch (RuntimeException ex) {
				failure = collect(failure, ex);
			}
		}
		return failure;
	}

	private static RuntimeException collect(@Nullable RuntimeException failure, RuntimeException ex) {
		if (failure == null) {
			return ex;
		}
		if (failure != ex) {
			failure.addSuppressed(ex);
		}
		return failure;
	}

	/**
	 * Close this scope, the current one of its thread: its streams first, then the thread is given
	 * back its previous scope and ThreadLocal values, whatever the closing of a stream threw, so that
	 * nothing of it stays on a pooled thread. Exceptions are thrown afterwards.
	 */
	private void closeThisOne() {
		this.closed = true;
		this.attributes = null;
		RuntimeException failure = null;
		try {
			failure = closeOpenStreams();
		}
		finally {
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
				failure = collect(failure,
						new IllegalStateException("Could not reset thread locals restored by a bridge scope", ex));
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
