package io.blockingbridge.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.blockingbridge.web.BlockingStyleStreamingApplication.Producer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that go away in the middle of a streamed answer, while its virtual thread produces as fast
 * as it can, leave no response buffer behind: with Netty's leak detector tracking every buffer, none
 * is reported as garbage collected without its release.
 */
@SpringBootTest(classes = BlockingStyleStreamingApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.enabled=true", "bridge.timeout=1s" })
class BlockingStyleStreamBufferLeakTests {

	private static final int ROUNDS = 40;

	private static final int CANCELS = 60;

	@Autowired
	private Producer producer;

	@LocalServerPort
	private int port;

	private final ListAppender<ILoggingEvent> leaks = new ListAppender<>();

	private ResourceLeakDetector.Level level;

	@BeforeEach
	void trackEveryBuffer() {
		this.level = ResourceLeakDetector.getLevel();
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		// Leaks of earlier tests in this JVM are reported now, before the appender listens.
		collectAndReport();
		this.leaks.start();
		leakLogger().addAppender(this.leaks);
	}

	@AfterEach
	void restore() {
		leakLogger().detachAppender(this.leaks);
		ResourceLeakDetector.setLevel(this.level);
	}

	@Test
	void disconnectsWhileTheStreamIsProducedLeakNoBuffer() throws Exception {
		for (int round = 0; round < ROUNDS; round++) {
			this.producer.reset();
			// Read fast, so that the producer runs flat out, then leave with a reset.
			readThenReset((round % 2 == 0) ? "/stream/infinite" : "/stream/rows?count=10000000", "application/x-ndjson",
					256 * 1024 + round * 8192);
			assertThat(this.producer.closed.await(10, TimeUnit.SECONDS)).as("stream of round %d closed", round).isTrue();
		}
		collectAndReport();
		assertThat(this.leaks.list).as("buffers collected without their release").isEmpty();
	}

	@Test
	void clientBodyStreamsOfBuffersClosedEarlyLeakNoBuffer() throws Exception {
		for (int round = 0; round < 20; round++) {
			this.producer.reset();
			try (RawHttpExchange exchange = RawHttpExchange.get(this.port,
					"/stream/proxied?port=" + this.port + "&take=" + (1 + round), 0)) {
				exchange.readToEnd();
				assertThat(exchange.head()).startsWith("HTTP/1.1 200");
			}
			assertThat(this.producer.closed.await(10, TimeUnit.SECONDS)).as("stream of round %d closed", round).isTrue();
		}
		collectAndReport();
		assertThat(this.leaks.list).as("buffers collected without their release").isEmpty();
	}

	@Test
	void disconnectsFromAStreamOfBuffersLeakNoBuffer() throws Exception {
		for (int round = 0; round < 20; round++) {
			this.producer.reset();
			readThenReset("/stream/passed-through?port=" + this.port, "application/octet-stream", 256 * 1024 + round * 8192);
			assertThat(this.producer.closed.await(10, TimeUnit.SECONDS)).as("stream of round %d closed", round).isTrue();
		}
		collectAndReport();
		assertThat(this.leaks.list).as("buffers collected without their release").isEmpty();
	}

	@Test
	void clientsLeavingStreamsOfJsonObjectsAtRandomPointsLeakNoBuffer() throws Exception {
		leaveAtRandomPoints("/stream/rows?count=10000000");
	}

	@Test
	void clientsLeavingReactiveStreamsAtRandomPointsLeakNoBuffer() throws Exception {
		leaveAtRandomPoints("/stream/rows-reactive?count=10000000");
	}

	/**
	 * NDJSON clients leave at random points: right after the headers, after reading some rows fast,
	 * or after they stopped reading long enough for the server's socket and writing operators to fill
	 * up; they leave with a reset or a normal close.
	 */
	private void leaveAtRandomPoints(String path) throws Exception {
		Random random = new Random(42);
		for (int round = 0; round < CANCELS; round++) {
			this.producer.reset();
			int way = round % 4;
			long bytes = (way == 0) ? 0 : random.nextInt(1, 256 * 1024);
			// Long enough for the server's socket buffer and writing operators to fill up.
			long stallMillis = (way == 2) ? random.nextInt(1000, 1500) : (way == 3) ? random.nextInt(50, 300) : 0;
			leave(path, bytes, stallMillis, way != 3);
			assertThat(this.producer.closed.await(10, TimeUnit.SECONDS)).as("stream of round %d closed", round).isTrue();
		}
		collectAndReport();
		assertThat(this.leaks.list).as("buffers collected without their release").isEmpty();
	}

	/** GET the path as NDJSON through a small receive buffer, read the head and some bytes, stop reading a while, leave. */
	private void leave(String path, long bytes, long stallMillis, boolean reset) throws Exception {
		try (Socket socket = new Socket()) {
			socket.setReceiveBufferSize(4096);
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 10_000);
			socket.setSoTimeout(30_000);
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/x-ndjson\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			StringBuilder head = new StringBuilder();
			while (head.indexOf("\r\n\r\n") < 0) {
				int c = in.read();
				assertThat(c).as("the head arrives").isNotNegative();
				head.append((char) c);
			}
			byte[] buffer = new byte[8192];
			long read = 0;
			while (read < bytes) {
				int n = in.read(buffer, 0, (int) Math.min(buffer.length, bytes - read));
				assertThat(n).as("the stream goes on").isPositive();
				read += n;
			}
			if (stallMillis > 0) {
				Thread.sleep(stallMillis);
			}
			if (reset) {
				socket.setSoLinger(true, 0);
			}
		}
	}

	/** GET the path, read the given number of bytes of its answer as fast as they come, then reset the connection. */
	private void readThenReset(String path, String accept, long bytes) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 10_000);
			socket.setSoTimeout(30_000);
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[65536];
			long read = 0;
			while (read < bytes) {
				int n = in.read(buffer);
				assertThat(n).as("the stream goes on").isPositive();
				read += n;
			}
			socket.setSoLinger(true, 0);
		}
	}

	/** Netty reports a leak when it tracks its next buffer after the leaked one was collected. */
	private static void collectAndReport() {
		for (int i = 0; i < 5; i++) {
			System.gc();
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			List.of(ByteBufAllocator.DEFAULT.directBuffer(16), ByteBufAllocator.DEFAULT.heapBuffer(16))
				.forEach(ByteBuf::release);
		}
	}

	private static Logger leakLogger() {
		return (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
	}

}
