package io.blockingbridge.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A raw TCP connection to the sample, for requests no HTTP client would send (half-sent, oversized,
 * with characters clients refuse) and for watching when the server closes a connection.
 */
final class RawHttp implements AutoCloseable {

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private RawHttp(Socket socket) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
	}

	static RawHttp connect(int port) {
		return connectFrom(null, port);
	}

	/**
	 * Connects from the given local address, to appear as another client (any {@code 127.x.y.z} is
	 * this machine on Linux).
	 */
	static RawHttp connectFrom(String localAddress, int port) {
		try {
			Socket socket = new Socket();
			if (localAddress != null) {
				socket.bind(new InetSocketAddress(localAddress, 0));
			}
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(30_000);
			return new RawHttp(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	RawHttp send(String text) {
		return send(text.getBytes(StandardCharsets.UTF_8));
	}

	RawHttp send(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.out.flush();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads one response (status line, headers, and a body of {@code Content-Length} bytes or
	 * chunked).
	 */
	Response response() {
		try {
			String head = readHead();
			String[] lines = head.split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
			}
			byte[] body;
			if (headers.containsKey("content-length")) {
				body = this.in.readNBytes(Integer.parseInt(headers.get("content-length")));
			}
			else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				ByteArrayOutputStream chunks = new ByteArrayOutputStream();
				int size;
				while ((size = Integer.parseInt(readLine().trim(), 16)) > 0) {
					chunks.write(this.in.readNBytes(size));
					readLine();
				}
				readLine();
				body = chunks.toByteArray();
			}
			else {
				body = new byte[0];
			}
			return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Waits until the server closes the connection, reading (and discarding) whatever it sends.
	 * @return how long it took
	 * @throws AssertionError if the connection is still open after {@code patience}
	 */
	/**
	 * Reads until the server closes the connection.
	 * @return what the server sent before it closed (ISO-8859-1)
	 * @throws AssertionError if it does not close within the patience
	 */
	String receivedUntilClosed(Duration patience) {
		java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
		try {
			this.socket.setSoTimeout((int) patience.toMillis());
			for (int b = this.in.read(); b != -1; b = this.in.read()) {
				received.write(b);
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("The server did not close the connection within " + patience);
		}
		catch (SocketException ex) {
			// reset by the server: closed too
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return received.toString(StandardCharsets.ISO_8859_1);
	}

	Duration awaitClosedBy(Duration patience) {
		long start = System.nanoTime();
		receivedUntilClosed(patience);
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private String readHead() throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = this.in.read();
			if (b == -1) {
				throw new IOException("Connection closed after: " + head);
			}
			head.append((char) b);
		}
		return head.substring(0, head.length() - 4);
	}

	private String readLine() throws IOException {
		StringBuilder line = new StringBuilder();
		int b;
		while ((b = this.in.read()) != -1 && b != '\n') {
			line.append((char) b);
		}
		return line.toString();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closed anyway
		}
	}

	record Response(int status, Map<String, String> headers, String body) {

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

}
