package io.blockingbridge.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.web.BlockingStyleHandshakesAccess;
import io.blockingbridge.web.BlockingStyleRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Blocking-style WebSocket handlers on a real Reactor Netty server, with the JDK's WebSocket client.
 */
@SpringBootTest(classes = BlockingWebSocketHandlersTests.App.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bridge.enabled=true")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BlockingWebSocketHandlersTests {

	private static final Duration LIVENESS = Duration.ofSeconds(20);

	private static final AtomicInteger flooded = new AtomicInteger();

	private static final AtomicReference<Thread> flooder = new AtomicReference<>();

	private static final CountDownLatch hangStarted = new CountDownLatch(1);

	private static final CountDownLatch hangFinally = new CountDownLatch(1);

	private static final AtomicReference<Throwable> hangEnd = new AtomicReference<>();

	@LocalServerPort
	private int port;

	@Autowired
	private BlockingStyleRequests requests;

	@Test
	void echoesInALoopOnAVirtualThread() throws Exception {
		Client client = connect("/ws/echo", true);
		for (int i = 0; i < 50; i++) {
			client.socket.sendText("hello " + i, true).get(10, TimeUnit.SECONDS);
			assertThat(client.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("echo:hello " + i);
		}
		client.socket.sendText("thread", true).get(10, TimeUnit.SECONDS);
		assertThat(client.messages.poll(10, TimeUnit.SECONDS)).startsWith("echo:virtual bridge-request-");
		client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
		assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
	}

	@Test
	void reactiveHandlersSessionsLeaveNoHandshakeBehind() throws Exception {
		for (int i = 0; i < 5; i++) {
			Client client = connect("/ws/reactive", true);
			assertThat(client.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("reactive");
			assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
		}
		await().atMost(LIVENESS).until(() -> BlockingStyleHandshakesAccess.kept() == 0);
	}

	@Test
	void seesTheHandshakesReactorContext() throws Exception {
		Client client = connect("/ws/context", true);
		assertThat(client.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("tenant=acme");
		assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
	}

	@Test
	void aHandlerThatThrowsClosesTheSessionWith1011() throws Exception {
		Client client = connect("/ws/throw", true);
		assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1011);
	}

	@Test
	void aPeerThatStopsReadingHoldsTheSenderBack() throws Exception {
		Client client = connect("/ws/flood", false);
		await().atMost(LIVENESS).until(() -> flooder.get() != null && flooded.get() > 0);
		// the sender parks in sendText once the connection's buffers are full
		await().atMost(LIVENESS).until(() -> flooder.get().getState() == Thread.State.WAITING
				&& flooded.get() == sentAfterAPause());
		assertThat(flooded.get()).isLessThan(20_000);
		client.socket.abort();
	}

	private static int sentAfterAPause() throws InterruptedException {
		int before = flooded.get();
		Thread.sleep(200);
		return (flooded.get() == before) ? before : -1;
	}

	@Test
	void anAbortedConnectionEndsTheHandlerAndItIsListedWhileOpen() throws Exception {
		Client client = connect("/ws/hang", true);
		assertThat(hangStarted.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.requests.inFlight()).anySatisfy((request) -> assertThat(request.handler()).isEqualTo("WS /ws/hang"));
		client.socket.abort();
		assertThat(hangFinally.await(10, TimeUnit.SECONDS)).isTrue();
		await().atMost(LIVENESS)
			.untilAsserted(() -> assertThat(this.requests.inFlight()).noneSatisfy(
					(request) -> assertThat(request.handler()).isEqualTo("WS /ws/hang")));
	}

	@Test
	void severalThreadsSendToOneSessionAtOnce() throws Exception {
		Client client = connect("/ws/concurrent", true);
		assertThat(client.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1000);
		Map<String, List<Integer>> bySender = new HashMap<>();
		for (String message : client.messages) {
			String[] parts = message.split(":");
			assertThat(parts).hasSize(3);
			assertThat(parts[2]).isEqualTo("x".repeat(1000));
			bySender.computeIfAbsent(parts[0], (key) -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
		}
		assertThat(bySender).hasSize(4);
		for (List<Integer> sent : bySender.values()) {
			assertThat(sent).hasSize(200);
			for (int i = 0; i < sent.size(); i++) {
				assertThat(sent.get(i)).isEqualTo(i);
			}
		}
	}

	private Client connect(String path, boolean reading) throws Exception {
		Client client = new Client(reading);
		client.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://localhost:" + this.port + path), client)
			.get(10, TimeUnit.SECONDS);
		return client;
	}

	static final class Client implements WebSocket.Listener {

		final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();

		final CompletableFuture<Integer> closed = new CompletableFuture<>();

		private final boolean reading;

		private final StringBuilder partial = new StringBuilder();

		WebSocket socket;

		Client(boolean reading) {
			this.reading = reading;
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			if (this.reading) {
				webSocket.request(1);
			}
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				this.messages.add(this.partial.toString());
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.completeExceptionally(error);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		WebFilter tenantFilter() {
			return (exchange, chain) -> chain.filter(exchange).contextWrite((context) -> context.put("tenant", "acme"));
		}

		@Bean
		HandlerMapping webSocketMapping() {
			Map<String, WebSocketHandler> handlers = new HashMap<>();
			handlers.put("/ws/echo", BlockingWebSocketHandlers.of((session) -> {
				String message;
				while ((message = session.receiveText()) != null) {
					session.sendText("echo:" + (message.equals("thread")
							? (Thread.currentThread().isVirtual() ? "virtual " : "platform ")
									+ Thread.currentThread().getName()
							: message));
				}
			}));
			handlers.put("/ws/reactive", (session) -> session.send(Mono.just(session.textMessage("reactive")))
				.then(session.close()));
			handlers.put("/ws/context", BlockingWebSocketHandlers
				.of((session) -> session.sendText("tenant=" + Bridge.context().getOrDefault("tenant", "none"))));
			handlers.put("/ws/throw", BlockingWebSocketHandlers.of((session) -> {
				throw new IllegalStateException("boom (expected by the test)");
			}));
			handlers.put("/ws/flood", BlockingWebSocketHandlers.of((session) -> {
				flooder.set(Thread.currentThread());
				String message = "m".repeat(1000);
				while (true) {
					session.sendText(message);
					flooded.incrementAndGet();
				}
			}));
			handlers.put("/ws/hang", BlockingWebSocketHandlers.of((session) -> {
				hangStarted.countDown();
				try {
					session.receiveText();
				}
				finally {
					hangFinally.countDown();
				}
			}));
			handlers.put("/ws/concurrent", BlockingWebSocketHandlers.of((session) -> {
				List<Thread> senders = new ArrayList<>();
				for (int t = 0; t < 4; t++) {
					String sender = "t" + t;
					senders.add(Thread.ofVirtual().start(() -> {
						for (int i = 0; i < 200; i++) {
							session.sendText(sender + ":" + i + ":" + "x".repeat(1000));
						}
					}));
				}
				for (Thread thread : senders) {
					thread.join();
				}
			}));
			return new SimpleUrlHandlerMapping(handlers, -1);
		}

	}

}
