package io.blockingbridge.operability;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A client that sends a GET request over a raw socket and goes away when closed, without waiting for
 * the answer: how a client disconnect looks to the server.
 */
final class RawClient implements AutoCloseable {

	private final Socket socket;

	private RawClient(Socket socket) {
		this.socket = socket;
	}

	static RawClient get(int port, String pathAndQuery) throws IOException {
		Socket socket = new Socket("127.0.0.1", port);
		OutputStream out = socket.getOutputStream();
		out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
		return new RawClient(socket);
	}

	/**
	 * Read the answer until it holds the given text.
	 * @param text what to wait for
	 * @param limit the most bytes to read
	 * @return whether the text arrived before the end of the answer or the limit
	 */
	boolean readUntil(String text, int limit) throws IOException {
		StringBuilder seen = new StringBuilder();
		java.io.InputStream in = this.socket.getInputStream();
		byte[] chunk = new byte[1024];
		int read;
		while (seen.length() < limit && (read = in.read(chunk)) > 0) {
			seen.append(new String(chunk, 0, read, StandardCharsets.US_ASCII));
			if (seen.indexOf(text) >= 0) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
