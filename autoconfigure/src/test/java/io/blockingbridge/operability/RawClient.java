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

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
