package io.blockingbridge.r2dbc;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;

import io.r2dbc.spi.Connection;
import io.blockingbridge.transaction.BlockingTransactions;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.connection.DelegatingConnectionFactory;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.reactive.TransactionContext;

/**
 * A {@link ConnectionFactory} that refuses to open a connection outside of the blocking transaction
 * the requesting thread runs in.
 * <p>
 * Inside a blocking transaction every publisher awaited through the bridge joins the transaction.
 * A publisher subscribed around the bridge (for example {@code databaseClient.sql(...).fetch().one().block()},
 * or {@code subscribe()}) does not carry the transaction in its Reactor Context, and Spring would
 * quietly run it on a separate auto-commit connection: its writes would survive a rollback and it
 * would not see the transaction's own writes. This factory makes such a request fail with an
 * {@link IllegalTransactionStateException} instead. Requests from other threads, and from threads
 * outside of blocking transactions, pass unchanged.
 * <p>
 * It also forwards {@link Disposable#dispose()} and {@link Closeable#close()} to the target, so that
 * it can stand in for a connection pool bean.
 */
public class TransactionBoundConnectionFactory extends DelegatingConnectionFactory implements Disposable, Closeable {

	/**
	 * Create a factory guarding the given one.
	 * @param targetConnectionFactory the factory that opens the connections
	 */
	public TransactionBoundConnectionFactory(ConnectionFactory targetConnectionFactory) {
		super(targetConnectionFactory);
	}

	@Override
	public Mono<? extends Connection> create() {
		Optional<TransactionContext> transaction = BlockingTransactions.currentTransactionContext();
		if (transaction.isEmpty()) {
			return super.create();
		}
		TransactionContext expected = transaction.get();
		return Mono.deferContextual((context) -> {
			if (context.getOrEmpty(TransactionContext.class).orElse(null) == expected) {
				return super.create();
			}
			return Mono.error(new IllegalTransactionStateException("A connection was requested from thread '"
					+ Thread.currentThread().getName() + "' while it runs a blocking transaction, but by a "
					+ "publisher subscribed outside of that transaction (for example with block() or subscribe()), "
					+ "which would run on a separate auto-commit connection. Await the publisher with "
					+ "Bridge.await(...) (or use BlockingDatabaseClient) so that it joins the transaction."));
		});
	}

	@Override
	public void dispose() {
		if (getTargetConnectionFactory() instanceof Disposable disposable) {
			disposable.dispose();
		}
	}

	@Override
	public boolean isDisposed() {
		return getTargetConnectionFactory() instanceof Disposable disposable && disposable.isDisposed();
	}

	@Override
	public void close() throws IOException {
		if (getTargetConnectionFactory() instanceof Closeable closeable) {
			closeable.close();
		}
		else {
			dispose();
		}
	}

	@Override
	public String toString() {
		return "TransactionBoundConnectionFactory over " + getTargetConnectionFactory();
	}

}
