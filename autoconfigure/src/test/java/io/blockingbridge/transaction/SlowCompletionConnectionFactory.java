package io.blockingbridge.transaction;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * A {@link ConnectionFactory} whose connections commit and roll back later, on another thread: each
 * commit or rollback first counts down a latch (so that a test can interrupt the waiting thread
 * while it runs), then waits the configured delay on a Reactor timer thread, then runs for real.
 * This makes the completion of a transaction truly asynchronous, whatever the driver does.
 */
final class SlowCompletionConnectionFactory implements ConnectionFactory, Wrapped<ConnectionFactory> {

	private final ConnectionFactory target;

	private volatile Duration delay = Duration.ZERO;

	private volatile CountDownLatch commitStarted = new CountDownLatch(1);

	private volatile CountDownLatch rollbackStarted = new CountDownLatch(1);

	SlowCompletionConnectionFactory(ConnectionFactory target) {
		this.target = target;
	}

	/** Delay every later commit and rollback, and reset the latches. */
	void delayCompletion(Duration delay) {
		this.delay = delay;
		this.commitStarted = new CountDownLatch(1);
		this.rollbackStarted = new CountDownLatch(1);
	}

	CountDownLatch commitStarted() {
		return this.commitStarted;
	}

	CountDownLatch rollbackStarted() {
		return this.rollbackStarted;
	}

	@Override
	public Publisher<? extends Connection> create() {
		return Mono.from(this.target.create()).map(this::slow);
	}

	@Override
	public ConnectionFactoryMetadata getMetadata() {
		return this.target.getMetadata();
	}

	@Override
	public ConnectionFactory unwrap() {
		return this.target;
	}

	private Connection slow(Connection connection) {
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { Connection.class, Wrapped.class }, (proxy, method, args) -> {
					switch (method.getName()) {
						case "commitTransaction":
							return later(this.commitStarted, connection.commitTransaction());
						case "rollbackTransaction":
							return later(this.rollbackStarted, connection.rollbackTransaction());
						case "unwrap":
							return connection;
						default:
							return invoke(method, connection, args);
					}
				});
	}

	private Mono<Void> later(CountDownLatch started, Publisher<Void> completion) {
		Duration delay = this.delay;
		return Mono.defer(() -> {
			started.countDown();
			return delay.isZero() ? Mono.from(completion) : Mono.delay(delay).then(Mono.from(completion));
		});
	}

	private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
