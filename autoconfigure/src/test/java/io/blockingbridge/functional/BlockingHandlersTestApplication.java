package io.blockingbridge.functional;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeInterruptedException;
import io.blockingbridge.web.BlockingHandlers;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Functional endpoints written with {@link BlockingHandlers}: they succeed, hang until their client
 * goes away, outlive the time limit, and stream; for the runner they share with the controllers.
 * Lives outside of the library's packages, like an application: the live view shows its frames.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BlockingHandlersTestApplication {

	@Bean
	Probe probe() {
		return new Probe();
	}

	@Bean
	RouterFunction<ServerResponse> blockingHandlersRoutes(Probe probe) {
		return RouterFunctions.route()
			.GET("/fn/ok", BlockingHandlers.of((request) -> ServerResponse.ok().bodyValue(Bridge.await(Mono.just("ok")))))
			.GET("/fn/thread/{id}", BlockingHandlers.of((request) -> ServerResponse.ok()
				.bodyValue(Thread.currentThread().getName())))
			.GET("/fn/never", BlockingHandlers.of((request) -> ServerResponse.ok()
				.bodyValue(String.valueOf(Bridge.await(Mono.<String>never())))))
			.GET("/fn/hang", BlockingHandlers.of((request) -> {
				probe.hangStarted.countDown();
				try {
					Bridge.await(Bridge.describe(Mono.never(), "the kitchen's answer"), java.time.Duration.ZERO);
				}
				catch (BridgeInterruptedException ex) {
					probe.hangInterrupted.countDown();
					throw ex;
				}
				return ServerResponse.ok().bodyValue("unreachable");
			}))
			.GET("/fn/stream", BlockingHandlers.of((request) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_NDJSON)
				.bodyValue(probe.rows(Integer.parseInt(request.queryParam("rows").orElse("3"))))))
			.build();
	}

	/** What the handlers did, for the tests to wait on. */
	public static class Probe {

		static final String PAYLOAD = "x".repeat(16 * 1024);

		public volatile CountDownLatch hangStarted = new CountDownLatch(1);

		public volatile CountDownLatch hangInterrupted = new CountDownLatch(1);

		public final AtomicInteger produced = new AtomicInteger();

		public final AtomicReference<@Nullable Thread> producer = new AtomicReference<>();

		public volatile CountDownLatch closed = new CountDownLatch(1);

		public void reset() {
			this.hangStarted = new CountDownLatch(1);
			this.hangInterrupted = new CountDownLatch(1);
			this.produced.set(0);
			this.producer.set(null);
			this.closed = new CountDownLatch(1);
		}

		/** Rows of 16 KB, counted as they are pulled, on the thread that pulls them. */
		Stream<Row> rows(int count) {
			CountDownLatch closing = this.closed;
			return Stream.iterate(1, (n) -> n + 1).limit(count).map((n) -> {
				this.producer.set(Thread.currentThread());
				this.produced.incrementAndGet();
				return new Row(n, Thread.currentThread().getName(), PAYLOAD);
			}).onClose(closing::countDown);
		}

	}

	/** One streamed row. */
	public record Row(int n, String thread, String payload) {
	}

}
