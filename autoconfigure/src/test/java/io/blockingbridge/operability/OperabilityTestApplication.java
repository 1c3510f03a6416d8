package io.blockingbridge.operability;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeInterruptedException;
import io.blockingbridge.http.BlockingWebClient;
import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.blockingbridge.web.BlockingStyle;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application whose blocking-style requests succeed, fail, time out, hang and get interrupted,
 * for the metrics, the live view and the thread names. Lives outside of the library's packages, like
 * an application: the live view shows its frames.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(OperabilityTestApplication.OperabilityController.class)
class OperabilityTestApplication {

	@Bean
	Landmarks landmarks() {
		return new Landmarks();
	}

	/** Where the handlers wait (source lines) and when they started waiting. */
	static class Landmarks {

		final ConcurrentMap<String, Integer> lines = new ConcurrentHashMap<>();

		final ConcurrentMap<String, CountDownLatch> started = new ConcurrentHashMap<>();

		CountDownLatch started(String name) {
			return this.started.computeIfAbsent(name, (key) -> new CountDownLatch(1));
		}

		/** Record the line after the caller's line as where {@code name} waits. */
		void waitsOnNextLine(String name) {
			this.lines.put(name, StackWalker.getInstance().walk((frames) -> frames.skip(1).findFirst().orElseThrow())
				.getLineNumber() + 1);
		}

	}

	@RestController
	@BlockingStyle
	static class OperabilityController {

		private final Landmarks landmarks;

		private final ObjectProvider<BlockingDatabaseClient> database;

		private final BlockingWebClient.Builder webClients;

		OperabilityController(Landmarks landmarks, ObjectProvider<BlockingDatabaseClient> database,
				BlockingWebClient.Builder webClients) {
			this.landmarks = landmarks;
			this.database = database;
			this.webClients = webClients;
		}

		@GetMapping("/ops/ok")
		String ok() {
			return Bridge.await(Mono.just("ok"));
		}

		@GetMapping("/ops/fail")
		String fail() {
			return Bridge.await(Mono.error(new IllegalStateException("the awaited publisher failed")));
		}

		@GetMapping("/ops/slow")
		String slow() {
			return Bridge.await(Mono.never());
		}

		@GetMapping("/ops/interrupted")
		String interrupted() {
			Thread.currentThread().interrupt();
			try {
				return Bridge.await(Mono.never());
			}
			catch (BridgeInterruptedException ex) {
				Thread.interrupted();
				return "interrupted";
			}
		}

		@GetMapping("/ops/thread-name/{id}")
		String threadName() {
			return Thread.currentThread().getName();
		}

		@GetMapping("/ops/hang")
		String hang() {
			this.landmarks.started("hang").countDown();
			this.landmarks.waitsOnNextLine("hang");
			return Bridge.await(Bridge.describe(Mono.never(), "the kitchen's answer"), Duration.ZERO);
		}

		@GetMapping(path = "/ops/stream-endless", produces = "application/x-ndjson")
		java.util.stream.Stream<String> streamEndless() {
			return java.util.stream.Stream.iterate(0, (i) -> i + 1).map((i) -> "row " + i);
		}

		@GetMapping(path = "/ops/stream-fails", produces = "application/x-ndjson")
		java.util.stream.Stream<String> streamFails() {
			return java.util.stream.Stream.of(1, 2).map((i) -> {
				if (i == 2) {
					throw new IllegalStateException("row 2 is broken");
				}
				return "row " + i;
			});
		}

		@GetMapping(path = "/ops/stream-ends", produces = "application/x-ndjson")
		java.util.stream.Stream<String> streamEnds() {
			return java.util.stream.Stream.of("row 1", "row 2");
		}

		@GetMapping("/ops/mono")
		String mono() {
			this.landmarks.started("mono").countDown();
			return Bridge.await(Mono.never(), Duration.ZERO);
		}

		@GetMapping("/ops/http")
		String http(@RequestParam String url) {
			this.landmarks.started("http").countDown();
			this.landmarks.waitsOnNextLine("http");
			return this.webClients.build().get().uri(url).retrieve().body(String.class);
		}

		@GetMapping("/ops/sql")
		String sql() {
			this.landmarks.started("sql").countDown();
			this.landmarks.waitsOnNextLine("sql");
			this.database.getObject().sql("select pg_sleep(30)").then();
			return "slept";
		}

	}

}
