package io.blockingbridge.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTP server on a random local port that answers each request with the next prepared
 * response and records what it received, in the manner of OkHttp's MockWebServer, on Reactor Netty
 * (the test class path has no MockWebServer): for tests ported from Spring Framework's own.
 */
final class ScriptedPeer implements AutoCloseable {

	private final BlockingQueue<Prepared> responses = new LinkedBlockingQueue<>();

	private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();

	private final DisposableServer server;

	ScriptedPeer() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive().aggregate().asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.flatMap((body) -> {
					this.requests.add(new Recorded(request.method().name(), request.uri(),
							request.requestHeaders().copy(), body));
					Prepared prepared = this.responses.poll();
					if (prepared == null) {
						return response.status(HttpResponseStatus.INTERNAL_SERVER_ERROR)
							.sendString(Mono.just("no response prepared"))
							.then();
					}
					response.status(new HttpResponseStatus(prepared.status(), prepared.reason()));
					prepared.headers().forEach(response::header);
					return response.sendString(Mono.just(prepared.body())).then();
				}))
			.bindNow();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.port() + path;
	}

	void prepare(int status, String reason, Map<String, String> headers, String body) {
		this.responses.add(new Prepared(status, reason, headers, body));
	}

	void prepare(Map<String, String> headers, String body) {
		prepare(200, "OK", headers, body);
	}

	int requestCount() {
		return this.requests.size();
	}

	/** Take the oldest request received, waiting a little for it. */
	Recorded takeRequest() throws InterruptedException {
		Recorded recorded = this.requests.poll(5, TimeUnit.SECONDS);
		if (recorded == null) {
			throw new AssertionError("The peer received no request");
		}
		return recorded;
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	record Prepared(int status, String reason, Map<String, String> headers, String body) {
	}

	record Recorded(String method, String path, HttpHeaders headers, String body) {

		String header(String name) {
			return this.headers.get(name);
		}

	}

}
