package io.blockingbridge.web;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.blockingbridge.web.BlockingStyleStreamingApplication.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that reads the beginning of a long streamed answer and then stops reading, its receive
 * buffer small, holds the stream (and whatever it holds, a database cursor) only for
 * {@code bridge.web.stream-stall-timeout}: then the stream is closed, the server closes the
 * connection, the request ends as timed out and one warning is logged. Without the limit the stream
 * stays open.
 */
@SpringBootTest(classes = BlockingStyleStreamingApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.enabled=true", "bridge.web.stream-stall-timeout=2s" })
@Import(BlockingStyleStreamStallTests.Outcomes.class)
class BlockingStyleStreamStallTests {

	private static final long STALL_TIMEOUT_MILLIS = 2_000;

	/** What the stall may take beyond its limit: the end of a burst of writing, a slow machine. */
	private static final long MARGIN_MILLIS = 8_000;

	@Autowired
	private Producer producer;

	@Autowired
	private Outcomes outcomes;

	@LocalServerPort
	private int port;

	private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();

	@BeforeEach
	void listen() {
		this.producer.reset();
		this.outcomes.list.clear();
		this.warnings.start();
		streamLogger().addAppender(this.warnings);
	}

	@AfterEach
	void stopListening() {
		streamLogger().detachAppender(this.warnings);
	}

	@Test
	void aClientThatStopsReadingHasItsStreamAndConnectionClosed() throws Exception {
		try (RawHttpExchange exchange = stopReadingAfterTheFirstBytes(this.port)) {
			long start = System.nanoTime();
			assertThat(this.producer.closed.await(STALL_TIMEOUT_MILLIS + MARGIN_MILLIS, TimeUnit.MILLISECONDS))
				.as("the stream closed within the stall timeout and a margin").isTrue();
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
				.as("the stream was not closed before the client stalled for the timeout")
				.isGreaterThanOrEqualTo(STALL_TIMEOUT_MILLIS - 500);
			// What the server had sent before it gave up still arrives, then the end of the connection.
			exchange.readToEnd();
			assertThat(exchange.closedByServer()).as("connection closed by the server").isTrue();
			assertThat(exchange.endedProperly()).as("a broken-off body, no closing chunk").isFalse();
		}
		assertThat(this.outcomes.awaitOne()).isEqualTo(RequestOutcome.TIMEOUT);
		List<ILoggingEvent> stalls = this.warnings.list.stream()
			.filter((event) -> event.getFormattedMessage().contains("bridge.web.stream-stall-timeout"))
			.toList();
		assertThat(stalls).as("warnings about the stall").hasSize(1);
		assertThat(stalls.get(0).getLevel()).isEqualTo(Level.WARN);
		assertThat(stalls.get(0).getFormattedMessage()).contains("GET /stream/infinite");
		assertThat(stalls.get(0).getThrowableProxy()).as("no stack trace").isNull();
	}

	/** GET an infinite NDJSON stream through a 4 KB receive buffer, read 2 KB of it, then read no more. */
	static RawHttpExchange stopReadingAfterTheFirstBytes(int port) throws Exception {
		RawHttpExchange exchange = RawHttpExchange.get(port, "/stream/infinite", 4096, "Accept: application/x-ndjson");
		exchange.readUntil("\r\n\r\n");
		exchange.readAtLeast(2048);
		return exchange;
	}

	private static Logger streamLogger() {
		return (Logger) LoggerFactory.getLogger(BlockingStyleStream.class);
	}

	@Nested
	@TestPropertySource(properties = "bridge.web.stream-stall-timeout=0")
	class WithoutLimit {

		@Autowired
		private Producer producer;

		@Autowired
		private Outcomes outcomes;

		@LocalServerPort
		private int port;

		@Test
		void aClientThatStopsReadingKeepsItsStream() throws Exception {
			this.producer.reset();
			this.outcomes.list.clear();
			try (RawHttpExchange exchange = stopReadingAfterTheFirstBytes(this.port)) {
				assertThat(this.producer.closed.await(STALL_TIMEOUT_MILLIS + 4_000, TimeUnit.MILLISECONDS))
					.as("the stream closed although there is no stall timeout").isFalse();
			}
			// The client leaves: now the stream is closed.
			assertThat(this.producer.closed.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(this.outcomes.awaitOne()).isEqualTo(RequestOutcome.CANCELLED);
		}

	}

	/** Records how the requests ended. */
	@Configuration(proxyBeanMethods = false)
	static class Outcomes {

		final List<RequestOutcome> list = new CopyOnWriteArrayList<>();

		@Bean
		@Primary
		BlockingStyleRequestListener recordingListener() {
			return (handler, outcome, durationNanos) -> this.list.add(outcome);
		}

		RequestOutcome awaitOne() throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (this.list.isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(this.list).as("requests ended").hasSize(1);
			return this.list.get(0);
		}

	}

}
