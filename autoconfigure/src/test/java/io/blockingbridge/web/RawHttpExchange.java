package io.blockingbridge.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * One HTTP/1.1 request on a raw socket, read as the test wants it: bit by bit, slowly, or not at all.
 * What arrived is kept as text (the bodies of these tests are ASCII), chunk framing included, so a
 * test can tell a body that ended properly (the closing chunk) from one the server broke off.
 */
final class RawHttpExchange implements AutoCloseable {

	private static final String CLOSING_CHUNK = "\r\n0\r\n\r\n";

	private final Socket socket;

	private final InputStream in;

	private final StringBuilder received = new StringBuilder();

	private boolean eof;

	private RawHttpExchange(Socket socket) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
	}

	/**
	 * Send a GET.
	 * @param port the server's port
	 * @param path the path and query
	 * @param receiveBuffer the socket's receive buffer in bytes, or 0 for the system's
	 * @param headers header lines such as {@code "Accept: application/x-ndjson"}
	 * @return the exchange, its response not read yet
	 */
	static RawHttpExchange get(int port, String path, int receiveBuffer, String... headers) throws IOException {
		return send("GET", port, path, receiveBuffer, headers);
	}

	/**
	 * Send a request without a body.
	 * @param method the method
	 * @param port the server's port
	 * @param path the path and query
	 * @param receiveBuffer the socket's receive buffer in bytes, or 0 for the system's
	 * @param headers header lines such as {@code "Accept: application/x-ndjson"}
	 * @return the exchange, its response not read yet
	 */
	static RawHttpExchange send(String method, int port, String path, int receiveBuffer, String... headers)
			throws IOException {
		Socket socket = new Socket();
		if (receiveBuffer > 0) {
			socket.setReceiveBufferSize(receiveBuffer);
		}
		socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
		socket.setSoTimeout(30_000);
		StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		request.append("\r\n");
		socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		return new RawHttpExchange(socket);
	}

	/**
	 * Read until what arrived contains the given text.
	 * @param text the text to wait for
	 * @return everything that arrived so far
	 */
	String readUntil(String text) throws IOException {
		while (this.received.indexOf(text) < 0) {
			if (!readMore()) {
				fail("The response ended before '" + text + "' arrived; it was:\n" + this.received);
			}
		}
		return this.received.toString();
	}

	/**
	 * Read until at least the given number of bytes arrived after the head.
	 * @param bytes how many bytes of the body (chunk framing included) to wait for
	 * @return everything that arrived so far
	 */
	String readAtLeast(int bytes) throws IOException {
		while (this.received.indexOf("\r\n\r\n") < 0
				|| this.received.length() - (this.received.indexOf("\r\n\r\n") + 4) < bytes) {
			if (!readMore()) {
				fail("The response ended before " + bytes + " bytes of its body arrived; it was:\n" + this.received);
			}
		}
		return this.received.toString();
	}

	/**
	 * Read until the response ends: its closing chunk arrives or the server closes the connection.
	 * @return everything that arrived
	 */
	String readToEnd() throws IOException {
		while (!endedProperly() && !hasWholeBodyOfDeclaredLength() && readMore()) {
			// Reads on.
		}
		return this.received.toString();
	}

	/**
	 * Tell whether the body ended with its closing chunk.
	 * @return {@code true} if the response was complete
	 */
	boolean endedProperly() {
		return this.received.length() >= CLOSING_CHUNK.length()
				&& this.received.substring(this.received.length() - CLOSING_CHUNK.length()).equals(CLOSING_CHUNK);
	}

	private boolean hasWholeBodyOfDeclaredLength() {
		int length = declaredLength();
		int start = this.received.indexOf("\r\n\r\n");
		return length >= 0 && start >= 0 && this.received.length() - (start + 4) >= length;
	}

	private int declaredLength() {
		for (String line : head().split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
			}
		}
		return -1;
	}

	/**
	 * Tell whether the server closed the connection.
	 * @return {@code true} once the end of the stream was read
	 */
	boolean closedByServer() {
		return this.eof;
	}

	/**
	 * Return the status line and headers.
	 * @return the head of the response
	 */
	String head() {
		int end = this.received.indexOf("\r\n\r\n");
		return (end < 0) ? this.received.toString() : this.received.substring(0, end);
	}

	/**
	 * Return the body as far as it arrived, without the chunk framing.
	 * @return the body
	 */
	String body() {
		int start = this.received.indexOf("\r\n\r\n");
		if (start < 0) {
			return "";
		}
		if (declaredLength() >= 0) {
			return this.received.substring(start + 4);
		}
		StringBuilder body = new StringBuilder();
		int position = start + 4;
		while (position < this.received.length()) {
			int lineEnd = this.received.indexOf("\r\n", position);
			if (lineEnd < 0) {
				break;
			}
			int size = Integer.parseInt(this.received.substring(position, lineEnd).trim(), 16);
			int dataStart = lineEnd + 2;
			int dataEnd = Math.min(dataStart + size, this.received.length());
			body.append(this.received, dataStart, dataEnd);
			position = dataEnd + 2;
			if (size == 0) {
				break;
			}
		}
		return body.toString();
	}

	private boolean readMore() throws IOException {
		if (this.eof) {
			return false;
		}
		byte[] buffer = new byte[8192];
		int read;
		try {
			read = this.in.read(buffer);
		}
		catch (SocketTimeoutException ex) {
			fail("Nothing arrived for 30 seconds; the connection's socket queues (a full Recv-Q at the client: it "
					+ "stopped reading; data in the server's Send-Q and an empty Recv-Q: TCP does not send; both empty: "
					+ "the server does not write):\n" + socketQueues() + "\nso far:\n" + this.received);
			return false;
		}
		catch (IOException ex) {
			// Reset by the server: as good as closed.
			this.eof = true;
			return false;
		}
		if (read < 0) {
			this.eof = true;
			return false;
		}
		this.received.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
		return true;
	}

	/** Both ends of this connection as {@code ss} shows them, to tell a stalled reader from a stalled writer. */
	private String socketQueues() {
		int port = this.socket.getLocalPort();
		try {
			Process ss = new ProcessBuilder("ss", "-tnio", "( sport = :" + port + " or dport = :" + port + " )")
				.redirectErrorStream(true)
				.start();
			String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			ss.waitFor(5, TimeUnit.SECONDS);
			return out;
		}
		catch (IOException ex) {
			return "(ss not available: " + ex.getMessage() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "(interrupted)";
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
