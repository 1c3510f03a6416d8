package io.blockingbridge.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Long NDJSON streams of small rows to clients that read in small bites with pauses, so that the
 * channel turns unwritable and writable again thousands of times while the request's thread emits
 * and the event loop asks for more: every row arrives and the body ends, in every round. A demand
 * signal lost anywhere between the event loop and the producing thread shows as a stall (no byte
 * for 10 seconds) and fails the round.
 */
@SpringBootTest(classes = BlockingStyleStreamingApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bridge.enabled=true")
class BlockingStyleStreamBackpressureTests {

	private static final int ROUNDS = 8;

	private static final int ROWS = 50_000;

	/** The end of a chunked body: the CRLF after the last chunk, then the zero-length chunk. */
	private static final String CLOSING_CHUNK = "\r\n0\r\n\r\n";

	@LocalServerPort
	private int port;

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void everyRowArrivesThroughAPausingClient() throws Exception {
		for (int round = 0; round < ROUNDS; round++) {
			assertThat(read("/stream/rows?count=" + ROWS, round)).as("rows of round %d", round).isEqualTo(ROWS);
		}
	}

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void everyRowArrivesFromAProducerThatWaitsNowAndThen() throws Exception {
		for (int round = 0; round < ROUNDS; round++) {
			assertThat(read("/stream/rows?pauseEvery=50&count=" + ROWS, round)).as("rows of round %d", round)
				.isEqualTo(ROWS);
		}
	}

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void everyRowArrivesFromAFluxEmittingOnAnEventLoop() throws Exception {
		for (int round = 0; round < ROUNDS; round++) {
			assertThat(read("/stream/rows-from-flux?count=" + ROWS, round)).as("rows of round %d", round)
				.isEqualTo(ROWS);
		}
	}

	/**
	 * Read a chunked NDJSON answer to its closing chunk through a 16 KB receive buffer, 4 KB at a
	 * time, pausing 1 to 3 ms now and then; return the number of rows.
	 */
	private long read(String path, int round) throws IOException, InterruptedException {
		try (Socket socket = new Socket()) {
			socket.setReceiveBufferSize(16 * 1024);
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 10_000);
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
					+ "Accept: application/x-ndjson\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			ThreadLocalRandom random = ThreadLocalRandom.current();
			byte[] buffer = new byte[4096];
			StringBuilder tail = new StringBuilder();
			long rows = 0;
			int previous = 0;
			while (true) {
				int read;
				try {
					read = in.read(buffer);
				}
				catch (SocketTimeoutException ex) {
					return fail("Round %d of %s stalled: no byte for 10 seconds after %d rows; demand stopped reaching "
							+ "the producer", round, path, rows);
				}
				assertThat(read).as("the server closed the connection after %d rows", rows).isPositive();
				for (int i = 0; i < read; i++) {
					if (buffer[i] == '\n' && previous == '}') {
						rows++;
					}
					previous = buffer[i];
				}
				tail.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
				tail.delete(0, Math.max(0, tail.length() - CLOSING_CHUNK.length()));
				if (tail.toString().equals(CLOSING_CHUNK)) {
					return rows;
				}
				if (random.nextInt(64) == 0) {
					Thread.sleep(random.nextInt(1, 4));
				}
			}
		}
	}

}
