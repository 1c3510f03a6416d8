package io.blockingbridge.sample;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * A WebSocket peer on a plain socket, for what no well-behaved client does: never answering the
 * server's pings, never reading. It opens {@code /ws/notifications} as a customer and reads frames
 * only when asked.
 */
final class RawWebSocket implements AutoCloseable {

	private final Socket socket;

	private final DataInputStream in;

	private final int status;

	private RawWebSocket(Socket socket, int status) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
		this.status = status;
	}

	/**
	 * Sends the handshake as the customer and reads the answer's head.
	 * @param receiveBuffer the socket's receive buffer in bytes (small for a peer that does not
	 * read), or 0 for the default
	 */
	static RawWebSocket open(int port, String customer, int receiveBuffer) throws IOException {
		Socket socket = new Socket();
		if (receiveBuffer > 0) {
			socket.setReceiveBufferSize(receiveBuffer);
		}
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		socket.setSoTimeout(20_000);
		String key = Base64.getEncoder().encodeToString("sixteen byte key".getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream()
			.write(("GET /ws/notifications HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\nAuthorization: "
					+ Logins.authorization(customer) + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
		String head = readHead(socket.getInputStream());
		int status = Integer.parseInt(head.substring(9, 12));
		return new RawWebSocket(socket, status);
	}

	int status() {
		return this.status;
	}

	/**
	 * The next frame from the server, or {@code null} once the server closed the connection.
	 * @throws SocketTimeoutException if none arrives in 20 s
	 */
	@Nullable Frame next() throws IOException {
		int first;
		try {
			first = this.in.read();
		}
		catch (java.net.SocketException ex) {
			return null;
		}
		if (first < 0) {
			return null;
		}
		int second = this.in.readUnsignedByte();
		long length = second & 0x7f;
		if (length == 126) {
			length = this.in.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.in.readLong();
		}
		byte[] payload = new byte[(int) length];
		this.in.readFully(payload);
		return new Frame(first & 0x0f, payload);
	}

	/**
	 * Reads frames until the server closes the connection.
	 * @return the close frame's status code, or -1 if the connection ended without one
	 */
	int closeCode() throws IOException {
		int code = -1;
		try {
			for (Frame frame = next(); frame != null; frame = next()) {
				if (frame.opcode() == 0x8 && frame.payload().length >= 2) {
					code = ((frame.payload()[0] & 0xff) << 8) | (frame.payload()[1] & 0xff);
				}
			}
		}
		catch (EOFException ex) {
			// Cut in the middle of a frame.
		}
		return code;
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				throw new EOFException("Connection closed during the handshake's answer: " + head);
			}
			head.write(b);
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	record Frame(int opcode, byte[] payload) {

		String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

	}

}
