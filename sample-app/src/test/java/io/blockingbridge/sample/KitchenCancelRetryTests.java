package io.blockingbridge.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import io.blockingbridge.sample.kitchen.KitchenClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A kitchen whose server closes the connection as a cancellation arrives, before any answer (what
 * a pooled connection looks like that the server closes for being idle just as the request is
 * sent): the cancellation is sent again on a fresh connection and confirmed. A raw kitchen that
 * closes the first connection it gets and answers {@code 204} on the next.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KitchenCancelRetryTests {

	private static final ServerSocket kitchen = openKitchen();

	private static final AtomicInteger connections = new AtomicInteger();

	@Autowired
	KitchenClient client;

	@DynamicPropertySource
	static void kitchenUrl(DynamicPropertyRegistry registry) {
		registry.add("kitchen.url", () -> "http://127.0.0.1:" + kitchen.getLocalPort());
	}

	@AfterAll
	static void closeKitchen() throws IOException {
		kitchen.close();
	}

	@Test
	void cancellationClosedBeforeAnyAnswerIsSentAgainOnAFreshConnection() {
		connections.set(0);
		assertThat(this.client.cancel(4711)).isNull();
		assertThat(connections.get()).isEqualTo(2);
	}

	private static ServerSocket openKitchen() {
		try {
			ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			Thread.ofVirtual().name("closing-kitchen").start(() -> {
				while (!server.isClosed()) {
					try (Socket socket = server.accept()) {
						readHead(socket.getInputStream());
						if (connections.incrementAndGet() > 1) {
							socket.getOutputStream()
								.write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
							socket.getOutputStream().flush();
						}
					}
					catch (IOException ex) {
						// Closed.
					}
				}
			});
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1) {
			head.write(b);
			if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				return;
			}
		}
	}

}
