package io.blockingbridge.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.blockingbridge.web.BlockingStyleStreamingApplication.Producer;
import io.blockingbridge.web.BlockingStyleStreamingApplication.Tick;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blocking-style methods returning a {@code java.util.stream.Stream} on a real server, read by raw
 * sockets: elements arrive as they are produced, a slow client holds the producer back, a client
 * going away closes the stream, the Accept header picks NDJSON, server-sent events or a JSON array,
 * and failures before and after the first element end the answer as documented.
 */
@SpringBootTest(classes = BlockingStyleStreamingApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.enabled=true", "bridge.timeout=1s" })
class BlockingStyleStreamingTests {

	private static final String NDJSON = "Accept: application/x-ndjson";

	private static final String EVENTS = "Accept: text/event-stream";

	private static final String JSON = "Accept: application/json";

	@Autowired
	private Producer producer;

	@LocalServerPort
	private int port;

	@BeforeEach
	void reset() {
		this.producer.reset();
	}

	@Test
	void firstElementIsWrittenBeforeTheNextIsProducedOnTheRequestsVirtualThreadInItsScope() throws Exception {
		try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/stream/latched", 0, NDJSON, "X-Tenant: acme")) {
			exchange.readUntil("\"n\":1");
			assertThat(exchange.head()).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Type: application/x-ndjson");
			assertThat(this.producer.produced).as("element 2 waits for the test").hasValue(1);
			assertThat(exchange.body()).doesNotContain("\"n\":2");
			this.producer.release.countDown();
			exchange.readToEnd();
			assertThat(exchange.endedProperly()).as("the body ends with its closing chunk").isTrue();
			assertThat(exchange.body()).isEqualTo("""
					{"n":1,"virtual":true,"tenant":"acme"}
					{"n":2,"virtual":true,"tenant":"acme"}
					{"n":3,"virtual":true,"tenant":"acme"}
					""");
		}
		assertThat(this.producer.closed.await(10, TimeUnit.SECONDS)).as("stream closed").isTrue();
	}

	@Test
	void slowClientHoldsTheProducerBackAndItsDisconnectClosesTheStream() throws Exception {
		try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/stream/infinite", 8192, NDJSON)) {
			int produced = awaitProductionStops();
			System.out.println("Elements of 16 KB produced while the client read nothing: " + produced);
			assertThat(produced).as("elements of 16 KB produced for a client that reads nothing (an infinite stream)")
				.isPositive()
				.isLessThan(1000);
			// Parked, not dead: when the client reads on, the producer goes on.
			exchange.readUntil("{\"n\":" + (produced + 50) + ",");
		}
		assertThat(this.producer.closed.await(10, TimeUnit.SECONDS)).as("stream closed after the disconnect").isTrue();
		Thread thread = this.producer.thread.get();
		assertThat(thread).isNotNull();
		assertThat(thread.join(Duration.ofSeconds(10))).as("producing thread ended").isTrue();
	}

	@Test
	void disconnectWhileAnElementIsPulledCancelsItsAwaitAndClosesTheStream() throws Exception {
		try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/stream/hang", 0, NDJSON)) {
			exchange.readUntil("\"n\":1");
			assertThat(this.producer.awaiting.await(10, TimeUnit.SECONDS)).as("element 2 awaits").isTrue();
		}
		assertThat(this.producer.awaitCancelled.await(10, TimeUnit.SECONDS)).as("await cancelled").isTrue();
		assertThat(this.producer.closed.await(10, TimeUnit.SECONDS)).as("stream closed").isTrue();
		Thread thread = this.producer.thread.get();
		assertThat(thread).isNotNull();
		assertThat(thread.join(Duration.ofSeconds(10))).as("producing thread ended").isTrue();
	}

	@Test
	void eventStreamIsWrittenEventByEventAsItIsProduced() throws Exception {
		try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/stream/latched", 0, EVENTS)) {
			exchange.readUntil("\"n\":1");
			assertThat(exchange.head()).containsIgnoringCase("Content-Type: text/event-stream");
			assertThat(this.producer.produced).hasValue(1);
			this.producer.release.countDown();
			exchange.readToEnd();
			assertThat(exchange.endedProperly()).isTrue();
			assertThat(exchange.body()).isEqualTo("""
					data:{"n":1,"virtual":true,"tenant":"null"}

					data:{"n":2,"virtual":true,"tenant":"null"}

					data:{"n":3,"virtual":true,"tenant":"null"}

					""");
		}
	}

	@Test
	void serverSentEventsKeepTheirNamesIdsAndComments() throws Exception {
		try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/stream/events", 0)) {
			exchange.readToEnd();
			assertThat(exchange.head()).as("server-sent events without an Accept header")
				.containsIgnoringCase("Content-Type: text/event-stream");
			assertThat(exchange.body()).isEqualTo("""
					id:id-1
					event:tick
					:tick number 1
					data:{"n":1,"virtual":true,"tenant":"null"}

					id:id-2
					event:tick
					:tick number 2
					data:{"n":2,"virtual":true,"tenant":"null"}

					""");
		}
	}

	@Test
	void jsonArrayForApplicationJsonAndForAnyType() throws Exception {
		String array = "[{\"n\":1,\"virtual\":true,\"tenant\":\"null\"},{\"n\":2,\"virtual\":true,\"tenant\":\"null\"}]";
		for (String[] headers : new String[][] { { JSON }, { "Accept: */*" }, {} }) {
			try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/stream/ticks?count=2", 0, headers)) {
				exchange.readToEnd();
				assertThat(exchange.head()).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Type: application/json");
				assertThat(exchange.body()).as("body for %s", String.join(",", headers)).isEqualTo(array);
			}
		}
		try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/stream/ticks?count=0", 0, JSON)) {
			exchange.readToEnd();
			assertThat(exchange.body()).isEqualTo("[]");
		}
	}

	@Test
	void responseEntityOfAStreamKeepsItsStatusAndHeaders() throws Exception {
		try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/stream/entity", 0, NDJSON)) {
			exchange.readToEnd();
			assertThat(exchange.head()).startsWith("HTTP/1.1 206").containsIgnoringCase("X-Streamed: yes");
			assertThat(exchange.body()).contains("\"n\":1").contains("\"n\":2");
		}
		assertThat(this.producer.closed.await(10, TimeUnit.SECONDS)).as("stream closed").isTrue();
	}

	@Test
	void headRequestGetsTheHeadersAndClosesAnInfiniteStream() throws Exception {
		try (RawHttpExchange exchange = RawHttpExchange.send("HEAD", this.port, "/stream/infinite", 0, NDJSON)) {
			exchange.readUntil("\r\n\r\n");
			assertThat(exchange.head()).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Type: application/x-ndjson");
			assertThat(this.producer.closed.await(10, TimeUnit.SECONDS)).as("stream closed").isTrue();
		}
		assertThat(this.producer.produced).as("pulled only for the headers").hasValue(1);
	}

	@Test
	void failureBeforeTheFirstElementGoesToTheExceptionHandler() throws Exception {
		for (String accept : new String[] { NDJSON, EVENTS }) {
			this.producer.reset();
			try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/stream/fail-first", 0, accept)) {
				exchange.readToEnd();
				assertThat(exchange.head()).as("status for %s", accept).startsWith("HTTP/1.1 410");
				assertThat(exchange.body()).contains("\"detail\":\"The orders were archived\"")
					.contains("\"handlerThreadVirtual\":true");
			}
			assertThat(this.producer.closed.await(10, TimeUnit.SECONDS)).as("stream closed").isTrue();
		}
	}

	@Test
	void notAcceptableClosesTheStream() throws Exception {
		try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/stream/ticks", 0, "Accept: application/pdf")) {
			exchange.readToEnd();
			assertThat(exchange.head()).startsWith("HTTP/1.1 406");
		}
		assertThat(this.producer.closed.await(10, TimeUnit.SECONDS)).as("stream closed").isTrue();
	}

	@Test
	void failureAfterTheFirstElementBreaksTheNdjsonBody() throws Exception {
		try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/stream/fail-later", 0, NDJSON)) {
			exchange.readToEnd();
			assertThat(exchange.head()).startsWith("HTTP/1.1 200");
			assertThat(exchange.body()).isEqualTo("{\"n\":1,\"virtual\":true,\"tenant\":\"null\"}\n");
			assertThat(exchange.endedProperly()).as("no closing chunk").isFalse();
			assertThat(exchange.closedByServer()).as("connection closed").isTrue();
		}
		assertThat(this.producer.closed.await(10, TimeUnit.SECONDS)).as("stream closed").isTrue();
	}

	@Test
	void failureAfterTheFirstElementLeavesTheJsonArrayOpen() throws Exception {
		try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/stream/fail-later", 0, JSON)) {
			exchange.readToEnd();
			assertThat(exchange.body()).isEqualTo("[{\"n\":1,\"virtual\":true,\"tenant\":\"null\"}");
			assertThat(exchange.endedProperly()).as("no closing chunk").isFalse();
			assertThat(exchange.closedByServer()).as("connection closed").isTrue();
		}
	}

	@Test
	void failureAfterTheFirstElementEndsTheEventStreamWithAnErrorEvent() throws Exception {
		try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/stream/fail-later", 0, EVENTS)) {
			exchange.readToEnd();
			assertThat(exchange.endedProperly()).as("the event stream ends properly").isTrue();
			assertThat(exchange.body()).isEqualTo("""
					data:{"n":1,"virtual":true,"tenant":"null"}

					event:error
					data:{"type":"about:blank","title":"Internal Server Error","status":500}

					""");
		}
		assertThat(this.producer.closed.await(10, TimeUnit.SECONDS)).as("stream closed").isTrue();
		try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/stream/fail-later?status=true", 0, EVENTS)) {
			exchange.readToEnd();
			assertThat(exchange.body()).endsWith("""
					event:error
					data:{"type":"about:blank","title":"Conflict","status":409,"detail":"The orders changed meanwhile"}

					""");
		}
	}

	@Test
	void streamOutlivesTheBridgeTimeoutWhileEachAwaitKeepsWithinIt() throws Exception {
		try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/stream/ticker?count=6&millis=400", 0, NDJSON)) {
			exchange.readToEnd();
			assertThat(exchange.endedProperly()).as("2 seconds of ticks with bridge.timeout=1s").isTrue();
			assertThat(exchange.body()).contains("\"n\":6");
		}
	}

	@Test
	void awaitTimingOutInsideTheStreamEndsIt() throws Exception {
		try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/stream/await-times-out", 0, NDJSON)) {
			exchange.readToEnd();
			assertThat(exchange.body()).isEqualTo("{\"n\":1,\"virtual\":true,\"tenant\":\"null\"}\n");
			assertThat(exchange.endedProperly()).isFalse();
			assertThat(exchange.closedByServer()).isTrue();
		}
		assertThat(this.producer.closed.await(10, TimeUnit.SECONDS)).as("stream closed").isTrue();
	}

	@Test
	void webClientReadsTheElementsAsTheyComeAndABrokenBodyAsAnError() {
		WebClient client = WebClient.create("http://127.0.0.1:" + this.port);
		List<Tick> ticks = client.get().uri("/stream/ticks?count=3").accept(MediaType.APPLICATION_NDJSON).retrieve()
			.bodyToFlux(Tick.class).collectList().block(Duration.ofSeconds(30));
		assertThat(ticks).extracting(Tick::n).containsExactly(1, 2, 3);

		List<Tick> received = new ArrayList<>();
		AtomicReference<@Nullable Throwable> error = new AtomicReference<>();
		client.get().uri("/stream/fail-later").accept(MediaType.APPLICATION_NDJSON).retrieve().bodyToFlux(Tick.class)
			.doOnNext(received::add).doOnError(error::set).onErrorComplete().blockLast(Duration.ofSeconds(30));
		assertThat(received).extracting(Tick::n).containsExactly(1);
		assertThat(error.get()).as("the client sees the body broken off").isNotNull()
			.hasStackTraceContaining("PrematureCloseException");
	}

	/** Wait until the producer stops producing (no new element for two seconds); return the count. */
	private int awaitProductionStops() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		int last = -1;
		int stableRounds = 0;
		while (System.nanoTime() < deadline) {
			int now = this.producer.produced.get();
			if (now >= 1000) {
				return now;
			}
			stableRounds = (now == last && now > 0) ? stableRounds + 1 : 0;
			if (stableRounds == 4) {
				return now;
			}
			last = now;
			Thread.sleep(500);
		}
		return this.producer.produced.get();
	}


	@Test
	void aResponseDecoratorThatSubscribesLaterWritesTheWholeStream() throws Exception {
		for (String accept : List.of(NDJSON, JSON)) {
			this.producer.reset();
			try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/stream/ticks?count=3", 0, accept,
					"X-Write-Later: yes")) {
				exchange.readToEnd();
				assertThat(exchange.head()).as("status for %s", accept).startsWith("HTTP/1.1 200");
				assertThat(exchange.endedProperly()).as("body for %s ended", accept).isTrue();
				assertThat(exchange.body()).as("body for %s", accept).contains("\"n\":1", "\"n\":2", "\"n\":3");
			}
			assertThat(this.producer.closed.await(10, TimeUnit.SECONDS)).as("stream for %s closed", accept).isTrue();
		}
	}

}
