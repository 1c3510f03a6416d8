package io.blockingbridge.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTP server on a random local port for client tests, built on Reactor Netty, that counts
 * what a client cannot see from its side: connections opened and closed, and responses the server
 * had to abandon because the client went away.
 * <ul>
 * <li>{@code GET /people/{id}}: a JSON person; id 404 gives a 404 with a JSON body.</li>
 * <li>{@code POST|PUT|PATCH /echo}: the request body back with its content type, and the method in
 * {@code X-Method}.</li>
 * <li>{@code * /status/{code}}: that status with body {@code status <code>} and {@code X-Status}.</li>
 * <li>{@code GET /header/{name}}: the value of that request header as text.</li>
 * <li>{@code GET /slow}: never answers; counts {@link #slowStarted()} and {@link #slowCancelled()}.</li>
 * <li>{@code GET /numbers} (NDJSON) and {@code GET /events} (SSE): an endless stream of
 * {@code {"n":i}}; counts {@link #streamsCancelled()}.</li>
 * <li>{@code GET /large/{megabytes}}: that many MiB of bytes {@code i % 251}, generated as the
 * connection takes them; counts {@link #largeBytesSent()}.</li>
 * <li>{@code POST /upload}: the number of bytes received as text; counts
 * {@link #uploadBytesReceived()} as they arrive.</li>
 * </ul>
 */
final class HttpPeer implements AutoCloseable {

	private final AtomicInteger connectionsOpened = new AtomicInteger();

	private final AtomicInteger connectionsClosed = new AtomicInteger();

	private final AtomicInteger slowStarted = new AtomicInteger();

	private final AtomicInteger slowCancelled = new AtomicInteger();

	private final AtomicInteger streamsCancelled = new AtomicInteger();

	private final AtomicLong largeBytesSent = new AtomicLong();

	private final AtomicLong uploadBytesReceived = new AtomicLong();

	/** 64 KiB of the large body's pattern: every chunk starts at a multiple of 251 * 256 bytes. */
	private static final byte[] CHUNK = pattern(251 * 256);

	private final DisposableServer server;

	HttpPeer() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.doOnChannelInit((observer, channel, address) -> {
				this.connectionsOpened.incrementAndGet();
				channel.closeFuture().addListener((future) -> this.connectionsClosed.incrementAndGet());
			})
			.route((routes) -> routes
				.get("/people/{id}", (request, response) -> {
					String id = request.param("id");
					if ("404".equals(id)) {
						return response.status(HttpResponseStatus.NOT_FOUND)
							.header("Content-Type", "application/json")
							.header("X-Reason", "no such person")
							.sendString(Mono.just("{\"missing\":404}"));
					}
					return response.header("Content-Type", "application/json")
						.sendString(Mono.just("{\"id\":" + id + ",\"name\":\"Ada\"}"));
				})
				.route((request) -> request.uri().startsWith("/echo"), (request, response) -> response
					.header("Content-Type", request.requestHeaders().get("Content-Type", "text/plain"))
					.header("X-Method", request.method().name())
					.send(request.receive().aggregate().retain()))
				.route((request) -> request.uri().startsWith("/status/"), (request, response) -> {
					int code = Integer.parseInt(request.uri().substring("/status/".length()));
					return response.status(code)
						.header("Content-Type", "text/plain")
						.header("X-Status", String.valueOf(code))
						.sendString(Mono.just("status " + code));
				})
				.get("/header/{name}", (request, response) -> response.header("Content-Type", "text/plain")
					.sendString(Mono.just(String.valueOf(request.requestHeaders().get(request.param("name"))))))
				.get("/slow", (request, response) -> {
					this.slowStarted.incrementAndGet();
					return response.sendString(Mono.<String>never().doOnCancel(this.slowCancelled::incrementAndGet));
				})
				.get("/numbers", (request, response) -> response.header("Content-Type", "application/x-ndjson")
					.sendString(numbers().map((json) -> json + "\n")))
				.get("/events", (request, response) -> response.header("Content-Type", "text/event-stream")
					.sendString(numbers().map((json) -> "event: number\ndata: " + json + "\n\n")))
				.get("/large/{megabytes}", (request, response) -> {
					long total = Long.parseLong(request.param("megabytes")) * 1024 * 1024;
					return response.header("Content-Type", "application/octet-stream")
						.header("Content-Length", String.valueOf(total))
						.send(large(total));
				})
				.post("/upload", (request, response) -> response.header("Content-Type", "text/plain")
					.sendString(request.receive()
						.reduce(0L, (count, buffer) -> {
							this.uploadBytesReceived.addAndGet(buffer.readableBytes());
							return count + buffer.readableBytes();
						})
						.map(String::valueOf))))
			.bindNow();
	}

	private Flux<String> numbers() {
		return Flux.interval(Duration.ofMillis(5))
			.map((i) -> "{\"n\":" + i + "}")
			.doOnCancel(this.streamsCancelled::incrementAndGet);
	}

	private Flux<ByteBuf> large(long total) {
		return Flux.generate(() -> 0L, (sent, sink) -> {
			if (sent >= total) {
				sink.complete();
				return sent;
			}
			int length = (int) Math.min(CHUNK.length, total - sent);
			this.largeBytesSent.addAndGet(length);
			sink.next(Unpooled.wrappedBuffer(CHUNK, 0, length));
			return sent + length;
		});
	}

	private static byte[] pattern(int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) (i % 251);
		}
		return bytes;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	int port() {
		return this.server.port();
	}

	int connectionsOpened() {
		return this.connectionsOpened.get();
	}

	int connectionsClosed() {
		return this.connectionsClosed.get();
	}

	int slowStarted() {
		return this.slowStarted.get();
	}

	int slowCancelled() {
		return this.slowCancelled.get();
	}

	int streamsCancelled() {
		return this.streamsCancelled.get();
	}

	/** Bytes of large bodies handed to the connection so far. */
	long largeBytesSent() {
		return this.largeBytesSent.get();
	}

	/** Bytes of uploads received so far. */
	long uploadBytesReceived() {
		return this.uploadBytesReceived.get();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
