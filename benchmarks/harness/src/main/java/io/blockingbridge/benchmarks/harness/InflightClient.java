package io.blockingbridge.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds many requests open at once: one HTTP/1.1 request per connection ({@code Connection: close}),
 * each on a virtual thread of its own over a plain socket, so that nothing in the client pools or
 * multiplexes them. At most {@value #CONNECTING} connections are being opened at any moment, so that
 * the server's listen backlog does not overflow while all of them are sent.
 */
final class InflightClient implements AutoCloseable {

	private static final int CONNECTING = 512;

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final Semaphore connecting = new Semaphore(CONNECTING);

	private final AtomicInteger sent = new AtomicInteger();

	private final AtomicInteger answered = new AtomicInteger();

	private final AtomicInteger errors = new AtomicInteger();

	private final AtomicInteger finished = new AtomicInteger();

	private volatile String firstError = "";

	private final int requests;

	private InflightClient(int requests) {
		this.requests = requests;
	}

	/**
	 * Send {@code requests} requests to {@code path} on the local port, each waiting up to
	 * {@code timeout} for its answer.
	 */
	static InflightClient fire(int port, String path, int requests, Duration timeout) {
		InflightClient client = new InflightClient(requests);
		byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		for (int i = 0; i < requests; i++) {
			client.threads.execute(() -> client.send(port, request, timeout));
		}
		return client;
	}

	private void send(int port, byte[] request, Duration timeout) {
		try (Socket socket = new Socket()) {
			this.connecting.acquire();
			try {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
				OutputStream out = socket.getOutputStream();
				out.write(request);
				out.flush();
			}
			finally {
				this.connecting.release();
			}
			this.sent.incrementAndGet();
			socket.setSoTimeout((int) timeout.toMillis());
			int status = readStatus(socket.getInputStream());
			if (status >= 200 && status < 300) {
				this.answered.incrementAndGet();
			}
			else {
				error("HTTP status " + status);
			}
		}
		catch (IOException | RuntimeException ex) {
			error(ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			error(ex.toString());
		}
		finally {
			this.finished.incrementAndGet();
		}
	}

	/** Reads the status code, then the rest of the answer until the server closes the connection. */
	private static int readStatus(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int next;
		while ((next = in.read()) != -1 && next != '\n') {
			line.append((char) next);
		}
		String[] parts = line.toString().split(" ");
		if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
			throw new IOException("No HTTP status line in the answer: '" + line + "'");
		}
		byte[] rest = new byte[8192];
		while (in.read(rest) != -1) {
			// drain the headers and body
		}
		return Integer.parseInt(parts[1]);
	}

	private void error(String description) {
		if (this.errors.getAndIncrement() == 0) {
			this.firstError = description;
		}
	}

	/** Requests whose bytes are all written. */
	int sent() {
		return this.sent.get();
	}

	/** Requests answered with 2xx. */
	int answered() {
		return this.answered.get();
	}

	/** Requests answered otherwise, timed out, or whose connection failed. */
	int errors() {
		return this.errors.get();
	}

	/** The first error, empty when there was none. */
	String firstError() {
		return this.firstError;
	}

	/** Requests that are neither answered nor failed yet. */
	int open() {
		return this.requests - this.finished.get();
	}

	/** Wait until every request is answered or failed, at most {@code limit}. */
	boolean awaitAll(Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (this.finished.get() < this.requests) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(100);
		}
		return true;
	}

	@Override
	public void close() throws InterruptedException {
		this.threads.shutdownNow();
		this.threads.awaitTermination(10, TimeUnit.SECONDS);
	}

}
