package io.blockingbridge.web;

import java.util.concurrent.TimeUnit;

import io.blockingbridge.web.BlockingStyleStreamingApplication.Producer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The elements a streamed answer's thread hands to the event loop stay few even where the writer
 * asks for everything at once (a HEAD request of a JSON array consumes the body with unbounded
 * demand): the producer does not run ahead of the serialization by more than a small window.
 */
@SpringBootTest(classes = BlockingStyleStreamingApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.enabled=true", "bridge.timeout=5s" })
class BlockingStyleStreamHandedBoundTests {

	private static final int COUNT = 1_000_000;

	@Autowired
	private Producer producer;

	@LocalServerPort
	private int port;

	@BeforeEach
	void reset() throws InterruptedException {
		// The event loop may still be writing the elements of an earlier test.
		long written;
		do {
			written = this.producer.written.get();
			Thread.sleep(300);
		}
		while (written != this.producer.written.get());
		this.producer.reset();
	}

	@Test
	void headOfAJsonArrayKeepsTheProducerCloseToTheWriter() throws Exception {
		try (RawHttpExchange exchange = RawHttpExchange.send("HEAD", this.port, "/stream/counted?count=" + COUNT, 0,
				"Accept: application/json")) {
			assertThat(this.producer.closed.await(60, TimeUnit.SECONDS)).as("stream closed").isTrue();
			System.out.println("HEAD: most elements pulled ahead of their serialization: "
					+ this.producer.maxAhead.get() + ", serialized " + this.producer.written.get());
			assertThat(this.producer.maxAhead.get()).as("elements pulled and not yet serialized").isLessThan(1024);
		}
	}

	@Test
	void getOfAJsonArrayKeepsTheProducerCloseToTheWriter() throws Exception {
		try (RawHttpExchange exchange = RawHttpExchange.get(this.port, "/stream/counted?count=" + COUNT, 0,
				"Accept: application/json")) {
			exchange.readToEnd();
			assertThat(this.producer.closed.await(60, TimeUnit.SECONDS)).as("stream closed").isTrue();
			System.out.println("GET: most elements pulled ahead of their serialization: "
					+ this.producer.maxAhead.get() + ", serialized " + this.producer.written.get());
			assertThat(this.producer.maxAhead.get()).as("elements pulled and not yet serialized").isLessThan(1024);
		}
	}

}
