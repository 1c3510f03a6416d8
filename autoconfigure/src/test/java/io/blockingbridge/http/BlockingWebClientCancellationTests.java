package io.blockingbridge.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.blockingbridge.core.BridgeInterruptedException;
import io.blockingbridge.core.BridgeScope;
import io.blockingbridge.core.BridgeTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A {@link BlockingWebClient} whose caller gives up (time limit, interrupt, early close) cancels the
 * exchange: the server sees the request abandoned, and the client's single pooled connection comes
 * back, so the next request still gets one.
 */
class BlockingWebClientCancellationTests {

	private HttpPeer peer;

	private PooledPeerConnector pool;

	private BlockingWebClient client;

	record Number(long n) {
	}

	@BeforeEach
	void start() {
		this.peer = new HttpPeer();
		this.pool = new PooledPeerConnector();
		this.client = BlockingWebClient.builder(WebClient.builder().clientConnector(this.pool.connector()))
			.baseUrl(this.peer.baseUrl())
			.build();
	}

	@AfterEach
	void stop() {
		this.pool.close();
		this.peer.close();
	}

	@Test
	void requestTimeoutCancelsTheExchangeAndFreesTheConnection() {
		assertThatExceptionOfType(BridgeTimeoutException.class)
			.isThrownBy(() -> this.client.get().uri("/slow").timeout(Duration.ofMillis(200)).retrieve().body(String.class));
		await().until(() -> this.peer.slowCancelled() == 1);
		assertConnectionReturnedAndUsable();
	}

	@Test
	void clientTimeoutAndScopeTimeoutApplyWhenTheRequestSetsNone() {
		BlockingWebClient impatient = this.client.mutate().timeout(Duration.ofMillis(200)).build();
		assertThatExceptionOfType(BridgeTimeoutException.class)
			.isThrownBy(() -> impatient.get().uri("/slow").retrieve().body(String.class))
			.satisfies((ex) -> assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(200)));
		await().until(() -> this.peer.slowCancelled() == 1);
		try (BridgeScope scope = BridgeScope.open(Context.empty(), Duration.ofMillis(300))) {
			assertThatExceptionOfType(BridgeTimeoutException.class)
				.isThrownBy(() -> this.client.get().uri("/slow").retrieve().toBodilessEntity())
				.satisfies((ex) -> assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(300)));
		}
		await().until(() -> this.peer.slowCancelled() == 2);
		assertConnectionReturnedAndUsable();
	}

	@Test
	void exchangeTimeoutBeforeTheResponseCancelsTheExchange() {
		assertThatExceptionOfType(BridgeTimeoutException.class).isThrownBy(() -> this.client.get()
			.uri("/slow")
			.timeout(Duration.ofMillis(200))
			.exchange((request, response) -> response.bodyTo(String.class)));
		await().until(() -> this.peer.slowCancelled() == 1);
		assertConnectionReturnedAndUsable();
	}

	@Test
	void interruptCancelsTheExchange() throws InterruptedException {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
		Thread caller = Thread.ofVirtual().start(() -> {
			try {
				this.client.get().uri("/slow").timeout(Duration.ZERO).retrieve().body(String.class);
			}
			catch (Throwable ex) {
				failure.set(ex);
				stillInterrupted.set(Thread.currentThread().isInterrupted());
			}
		});
		await().until(() -> this.peer.slowStarted() == 1);
		caller.interrupt();
		caller.join(Duration.ofSeconds(5));
		assertThat(failure.get()).isInstanceOf(BridgeInterruptedException.class);
		assertThat(stillInterrupted.get()).isTrue();
		await().until(() -> this.peer.slowCancelled() == 1);
		assertConnectionReturnedAndUsable();
	}

	@Test
	void interruptWhileAnExchangeFunctionWaitsCancelsToo() throws InterruptedException {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread caller = Thread.ofVirtual().start(() -> {
			try {
				this.client.get().uri("/numbers").exchange((request, response) -> response.bodyTo(String.class));
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});
		await().until(() -> this.pool.acquired() == 1);
		Thread.sleep(50); // the function now waits for an endless body
		caller.interrupt();
		caller.join(Duration.ofSeconds(5));
		assertThat(failure.get()).isInstanceOf(BridgeInterruptedException.class);
		await().until(() -> this.peer.streamsCancelled() == 1);
		assertConnectionReturnedAndUsable();
	}

	@Test
	void closingAStreamEarlyCancelsTheExchangeAndFreesTheConnection() {
		try (Stream<Number> numbers = this.client.get().uri("/numbers").retrieve().bodyStream(Number.class)) {
			assertThat(numbers.limit(3).toList()).hasSize(3);
		}
		await().until(() -> this.peer.streamsCancelled() == 1);
		assertConnectionReturnedAndUsable();
	}

	@Test
	void streamTimeoutAppliesToEachElement() {
		try (Stream<String> silent = this.client.get()
			.uri("/slow")
			.timeout(Duration.ofMillis(200))
			.retrieve()
			.bodyStream(String.class)) {
			assertThatExceptionOfType(BridgeTimeoutException.class).isThrownBy(silent::toList);
		}
		await().until(() -> this.peer.slowCancelled() == 1);
		assertConnectionReturnedAndUsable();
	}

	@Test
	void responsesReadOrIgnoredReuseTheOneConnection() {
		for (int i = 0; i < 3; i++) {
			this.client.get().uri("/people/1").retrieve().body(String.class);
			this.client.get().uri("/people/1").exchange((request, response) -> response.statusCode());
			this.client.get().uri("/people/404").exchange((request, response) -> response.statusCode());
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> this.client.get().uri("/status/500").retrieve().body(String.class));
		}
		await().until(() -> this.pool.acquired() == 0);
		assertThat(this.peer.connectionsOpened()).isEqualTo(1);
	}

	@Test
	@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void exchangeWhoseResponseArrivedAsTheTimeoutPassedReturnsItAndFreesTheConnection() {
		// the response is there, its completion signal comes after the limit: the response wins
		CountDownLatch functionRan = new CountDownLatch(1);
		HttpStatusCode status = withTheExchangeMonoDelayed(false, functionRan, () -> this.client.get()
			.uri("/people/1")
			.timeout(Duration.ofMillis(200))
			.exchange((request, response) -> {
				functionRan.countDown();
				return response.statusCode();
			}));
		assertThat(status).isEqualTo(HttpStatus.OK);
		assertConnectionReturnedAndUsable();
	}

	@Test
	@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void exchangeWhoseResponseArrivesAfterTheTimeoutFreesTheConnection() {
		// the response comes after the caller gave up: nobody reads it, it is released
		assertThatExceptionOfType(BridgeTimeoutException.class).isThrownBy(() -> withTheExchangeMonoDelayed(true,
				new CountDownLatch(0), () -> this.client.get()
					.uri("/people/1")
					.timeout(Duration.ofMillis(200))
					.exchange((request, response) -> response.statusCode())));
		assertConnectionReturnedAndUsable();
	}

	/**
	 * Run the given exchange with its response Mono (the first {@code Mono.create} assembled on this
	 * thread, in {@code exchangeUntil}) holding back a signal until the caller's limit has passed:
	 * either the response itself, until 300 ms after the caller cancelled, or only the completion that
	 * follows it, until the given latch opens (at most 3 s).
	 */
	private <T> T withTheExchangeMonoDelayed(boolean delayResponse, CountDownLatch release, Supplier<T> exchange) {
		Thread caller = Thread.currentThread();
		AtomicBoolean armed = new AtomicBoolean(true);
		Hooks.onEachOperator(DELAY_HOOK, Operators.<Object>lift(
				(scannable) -> Thread.currentThread() == caller
						&& scannable.getClass().getSimpleName().equals("MonoCreate") && armed.compareAndSet(true, false),
				(scannable, actual) -> new DelayingSubscriber(actual, delayResponse, release)));
		try {
			return exchange.get();
		}
		finally {
			Hooks.resetOnEachOperator(DELAY_HOOK);
		}
	}

	private static final String DELAY_HOOK = "BlockingWebClientCancellationTests.delay";

	/** Passes every signal on, holding one back as {@link #withTheExchangeMonoDelayed} says. */
	private static final class DelayingSubscriber implements CoreSubscriber<Object>, Subscription {

		private final CoreSubscriber<? super Object> actual;

		private final boolean delayResponse;

		private final CountDownLatch release;

		private final CountDownLatch cancelled = new CountDownLatch(1);

		private Subscription upstream;

		DelayingSubscriber(CoreSubscriber<? super Object> actual, boolean delayResponse, CountDownLatch release) {
			this.actual = actual;
			this.delayResponse = delayResponse;
			this.release = release;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription s) {
			this.upstream = s;
			this.actual.onSubscribe(this);
		}

		@Override
		public void onNext(Object value) {
			if (this.delayResponse) {
				await(this.cancelled, 3000);
				sleep(300);
			}
			this.actual.onNext(value);
		}

		@Override
		public void onError(Throwable t) {
			this.actual.onError(t);
		}

		@Override
		public void onComplete() {
			if (!this.delayResponse) {
				await(this.release, 3000);
			}
			this.actual.onComplete();
		}

		@Override
		public void request(long n) {
			this.upstream.request(n);
		}

		@Override
		public void cancel() {
			this.cancelled.countDown();
			this.upstream.cancel();
		}

		private static void await(CountDownLatch latch, long millis) {
			try {
				latch.await(millis, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private static void sleep(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	private void assertConnectionReturnedAndUsable() {
		await().until(() -> this.pool.acquired() == 0);
		assertThat(this.pool.allocated()).isLessThanOrEqualTo(1);
		List<String> next = List.of(this.client.get().uri("/people/2").retrieve().requiredBody(String.class));
		assertThat(next).containsExactly("{\"id\":2,\"name\":\"Ada\"}");
		await().until(() -> this.pool.acquired() == 0);
	}

}
