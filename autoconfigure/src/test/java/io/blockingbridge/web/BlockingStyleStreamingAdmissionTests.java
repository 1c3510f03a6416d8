package io.blockingbridge.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.blockingbridge.web.BlockingStyleStreamingApplication.Producer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A streamed answer holds its admission permit ({@code bridge.web.max-concurrent-requests}) until
 * the stream has ended, not just until the method returned; a disconnect gives it back.
 */
@SpringBootTest(classes = BlockingStyleStreamingApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.enabled=true", "bridge.web.max-concurrent-requests=1" })
class BlockingStyleStreamingAdmissionTests {

	private static final String NDJSON = "Accept: application/x-ndjson";

	@Autowired
	private Producer producer;

	@LocalServerPort
	private int port;

	@BeforeEach
	void reset() {
		this.producer.reset();
	}

	@Test
	void streamHoldsThePermitUntilItEnds() throws Exception {
		try (RawHttpExchange streaming = RawHttpExchange.get(this.port, "/stream/latched", 0, NDJSON)) {
			streaming.readUntil("\"n\":1");
			assertThat(status("/stream/ticks")).as("while the stream is being written").startsWith("HTTP/1.1 503");
			this.producer.release.countDown();
			streaming.readToEnd();
			assertThat(streaming.endedProperly()).isTrue();
		}
		assertThat(status("/stream/ticks")).as("once the stream has ended").startsWith("HTTP/1.1 200");
	}

	@Test
	void disconnectGivesThePermitBack() throws Exception {
		try (RawHttpExchange streaming = RawHttpExchange.get(this.port, "/stream/hang", 0, NDJSON)) {
			streaming.readUntil("\"n\":1");
			assertThat(this.producer.awaiting.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(status("/stream/ticks")).as("while the stream is being written").startsWith("HTTP/1.1 503");
		}
		assertThat(this.producer.closed.await(10, TimeUnit.SECONDS)).as("stream closed").isTrue();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(status("/stream/ticks")).startsWith("HTTP/1.1 200"));
	}

	@Test
	void answersThatNeverWriteTheStreamGiveThePermitBack() throws Exception {
		// The permit comes back just after the answer is written: the next request may come too early.
		for (int i = 0; i < 3; i++) {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(status("/stream/fail-first")).startsWith("HTTP/1.1 410"));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(status("/stream/ticks", "Accept: application/pdf")).startsWith("HTTP/1.1 406"));
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(status("/stream/ticks")).startsWith("HTTP/1.1 200"));
	}

	private String status(String path) throws Exception {
		return status(path, NDJSON);
	}

	private String status(String path, String accept) throws Exception {
		try (RawHttpExchange exchange = RawHttpExchange.get(this.port, path, 0, accept)) {
			exchange.readToEnd();
			return exchange.head();
		}
	}

}
