package io.blockingbridge.web;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.blockingbridge.core.Bridge;
import io.blockingbridge.http.BlockingWebClient;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.HttpResources;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.WebFilter;

/**
 * A WebFlux application whose blocking-style methods return {@link Stream}s, for the streaming tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ BlockingStyleStreamingApplication.StreamController.class, BlockingStyleStreamingApplication.ReactiveController.class })
class BlockingStyleStreamingApplication {

	@Bean
	Producer producer() {
		return new Producer();
	}

	/**
	 * For requests with an {@code X-Write-Later} header: a response decorator that subscribes to the
	 * body only after an asynchronous step of its own, 50 ms later.
	 */
	@Bean
	WebFilter writeLater() {
		return (exchange, chain) -> {
			if (exchange.getRequest().getHeaders().getFirst("X-Write-Later") == null) {
				return chain.filter(exchange);
			}
			ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {

				@Override
				public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
					return Mono.delay(Duration.ofMillis(50)).then(Mono.defer(() -> super.writeWith(body)));
				}

				@Override
				public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
					return Mono.delay(Duration.ofMillis(50)).then(Mono.defer(() -> super.writeAndFlushWith(body)));
				}

			};
			return chain.filter(exchange.mutate().response(response).build());
		};
	}

	/** An element of a streamed answer, with what its producer saw. */
	record Tick(int n, boolean virtual, String tenant) {
	}

	/** A large element, so that a few hundred of them fill any socket buffer. */
	record Chunk(int n, String payload) {
	}

	/** A small element, so that a long stream passes many of them between two writability changes. */
	record Row(int n, String payload) {

		static final String PAYLOAD = "y".repeat(100);

	}

	/** A small element that counts its serializations, to see how far the producer runs ahead of the writer. */
	record Counted(int n, AtomicLong written) {

		@Override
		public int n() {
			this.written.incrementAndGet();
			return this.n;
		}

		@Override
		@JsonIgnore
		public AtomicLong written() {
			return this.written;
		}

	}

	/** Records what the streams' producers did; the tests reset it before each test. */
	static class Producer {

		final AtomicLong written = new AtomicLong();

		/** The most elements pulled from a counted stream and not yet serialized. */
		final AtomicLong maxAhead = new AtomicLong();

		static final String PAYLOAD = "x".repeat(16 * 1024);

		final AtomicInteger produced = new AtomicInteger();

		final AtomicReference<@Nullable Thread> thread = new AtomicReference<>();

		volatile CountDownLatch release = new CountDownLatch(1);

		volatile CountDownLatch closed = new CountDownLatch(1);

		volatile CountDownLatch awaiting = new CountDownLatch(1);

		volatile CountDownLatch awaitCancelled = new CountDownLatch(1);

		void reset() {
			this.written.set(0);
			this.maxAhead.set(0);
			this.produced.set(0);
			this.thread.set(null);
			this.release = new CountDownLatch(1);
			this.closed = new CountDownLatch(1);
			this.awaiting = new CountDownLatch(1);
			this.awaitCancelled = new CountDownLatch(1);
		}

		Tick tick(int n) {
			this.thread.set(Thread.currentThread());
			this.produced.incrementAndGet();
			String tenant = BlockingStyleExchange.current().getRequest().getHeaders().getFirst("X-Tenant");
			return new Tick(n, Thread.currentThread().isVirtual(), String.valueOf(tenant));
		}

		void awaitRelease() {
			try {
				if (!this.release.await(30, TimeUnit.SECONDS)) {
					throw new IllegalStateException("The test never released the stream");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		void awaitNever() {
			Bridge.await(Mono.never().doOnSubscribe((subscription) -> this.awaiting.countDown())
				.doOnCancel(this.awaitCancelled::countDown), Duration.ofSeconds(60));
		}

		<T> Stream<T> closing(Stream<T> stream) {
			return stream.onClose(this.closed::countDown);
		}

	}

	/** Thrown by a stream before its first element; the controller's exception handler answers it. */
	static class OrdersGoneException extends RuntimeException {

		OrdersGoneException() {
			super("The orders were archived");
		}

	}

	@RestController
	@BlockingStyle
	@RequestMapping("/stream")
	static class StreamController {

		private final Producer producer;

		StreamController(Producer producer) {
			this.producer = producer;
		}

		@GetMapping("/ticks")
		Stream<Tick> ticks(@RequestParam(defaultValue = "3") int count) {
			return this.producer.closing(IntStream.rangeClosed(1, count).mapToObj(this.producer::tick));
		}

		@GetMapping("/latched")
		Stream<Tick> latched() {
			return this.producer.closing(IntStream.rangeClosed(1, 3).mapToObj((n) -> {
				if (n == 2) {
					this.producer.awaitRelease();
				}
				return this.producer.tick(n);
			}));
		}

		@GetMapping("/infinite")
		Stream<Chunk> infinite() {
			return this.producer.closing(Stream.generate(() -> {
				this.producer.thread.set(Thread.currentThread());
				return new Chunk(this.producer.produced.incrementAndGet(), Producer.PAYLOAD);
			}));
		}

		/** Many small rows; every {@code pauseEvery}th waits a little, like a cursor fetching its next batch. */
		@GetMapping("/rows")
		Stream<Row> rows(@RequestParam int count, @RequestParam(defaultValue = "0") int pauseEvery) {
			return this.producer.closing(IntStream.rangeClosed(1, count).mapToObj((n) -> {
				if (pauseEvery > 0 && n % pauseEvery == 0) {
					LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(20_000, 300_000));
				}
				return new Row(n, Row.PAYLOAD);
			}));
		}

		/** Many small rows read through Bridge.stream from a Flux that emits on a Netty event loop, as R2DBC does. */
		@GetMapping("/rows-from-flux")
		Stream<Row> rowsFromFlux(@RequestParam int count) {
			Executor eventLoop = HttpResources.get().onServer(false).next();
			return this.producer.closing(Bridge.stream(Flux.range(1, count)
				.map((n) -> new Row(n, Row.PAYLOAD))
				.publishOn(Schedulers.fromExecutor(eventLoop), 256)));
		}

		/** Small elements; records how many were pulled ahead of their serialization. */
		@GetMapping("/counted")
		Stream<Counted> counted(@RequestParam int count) {
			return this.producer.closing(IntStream.rangeClosed(1, count).mapToObj((n) -> {
				this.producer.maxAhead.accumulateAndGet(n - 1 - this.producer.written.get(), Math::max);
				return new Counted(n, this.producer.written);
			}));
		}

		/** Reads the first {@code take} buffers of another streamed answer through a BlockingWebClient, then closes. */
		@GetMapping("/proxied")
		long proxied(@RequestParam int port, @RequestParam int take) {
			try (Stream<DataBuffer> body = BlockingWebClient.create("http://127.0.0.1:" + port).get()
				.uri("/stream/infinite").header("Accept", "application/x-ndjson").retrieve()
				.bodyStream(DataBuffer.class)) {
				return body.limit(take).mapToLong((buffer) -> {
					int bytes = buffer.readableByteCount();
					DataBufferUtils.release(buffer);
					return bytes;
				}).sum();
			}
		}

		/** Passes another streamed answer through, buffer by buffer, as a proxy would. */
		@GetMapping("/passed-through")
		Stream<DataBuffer> passedThrough(@RequestParam int port) {
			return this.producer.closing(BlockingWebClient.create("http://127.0.0.1:" + port).get()
				.uri("/stream/infinite").header("Accept", "application/x-ndjson").retrieve()
				.bodyStream(DataBuffer.class));
		}

		@GetMapping("/hang")
		Stream<Tick> hang() {
			return this.producer.closing(IntStream.rangeClosed(1, 2).mapToObj((n) -> {
				if (n == 2) {
					this.producer.awaitNever();
				}
				return this.producer.tick(n);
			}));
		}

		@GetMapping("/events")
		Stream<ServerSentEvent<Tick>> events() {
			return this.producer.closing(IntStream.rangeClosed(1, 2)
				.mapToObj((n) -> ServerSentEvent.builder(this.producer.tick(n)).id("id-" + n).event("tick")
					.comment("tick number " + n).build()));
		}

		@GetMapping("/fail-first")
		Stream<Tick> failFirst() {
			return this.producer.closing(Stream.generate(() -> {
				throw new OrdersGoneException();
			}));
		}

		@GetMapping("/fail-later")
		Stream<Tick> failLater(@RequestParam(defaultValue = "false") boolean status) {
			return this.producer.closing(IntStream.rangeClosed(1, 2).mapToObj((n) -> {
				if (n == 2) {
					throw status ? new ResponseStatusException(HttpStatus.CONFLICT, "The orders changed meanwhile")
							: new IllegalStateException("secret internals");
				}
				return this.producer.tick(n);
			}));
		}

		@GetMapping("/ticker")
		Stream<Tick> ticker(@RequestParam int count, @RequestParam long millis) {
			return this.producer.closing(IntStream.rangeClosed(1, count).mapToObj((n) -> {
				if (n > 1) {
					Bridge.await(Mono.delay(Duration.ofMillis(millis)));
				}
				return this.producer.tick(n);
			}));
		}

		@GetMapping("/await-times-out")
		Stream<Tick> awaitTimesOut() {
			return this.producer.closing(IntStream.rangeClosed(1, 2).mapToObj((n) -> {
				if (n == 2) {
					Bridge.await(Mono.never());
				}
				return this.producer.tick(n);
			}));
		}

		@GetMapping("/entity")
		ResponseEntity<Stream<Tick>> entity() {
			return ResponseEntity.status(HttpStatus.PARTIAL_CONTENT).header("X-Streamed", "yes")
				.body(this.producer.closing(IntStream.rangeClosed(1, 2).mapToObj(this.producer::tick)));
		}

		@ExceptionHandler(OrdersGoneException.class)
		ResponseEntity<ProblemDetail> gone(OrdersGoneException ex) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE, ex.getMessage());
			problem.setProperty("handlerThreadVirtual", Thread.currentThread().isVirtual());
			return ResponseEntity.status(HttpStatus.GONE).body(problem);
		}

	}

	/** The same rows as a reactive answer, written by WebFlux alone: to tell the bridge's leaks from WebFlux's. */
	@RestController
	@RequestMapping("/stream")
	static class ReactiveController {

		private final Producer producer;

		ReactiveController(Producer producer) {
			this.producer = producer;
		}

		@GetMapping("/rows-reactive")
		Flux<Row> rowsReactive(@RequestParam int count) {
			return Flux.range(1, count).map((n) -> new Row(n, Row.PAYLOAD))
				.doFinally((signal) -> this.producer.closed.countDown());
		}

	}

}
