package io.blockingbridge.sample.web;

import io.netty.channel.ChannelPipeline;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Answers requests that Reactor Netty refuses before Spring sees them (a request line longer than
 * {@code server.netty.max-initial-line-length}, headers larger than
 * {@code server.max-http-request-header-size}, a request that is not valid HTTP) with a problem
 * detail, like every other error, instead of Reactor Netty's bare status without a body.
 */
@Component
class ProtocolErrorProblems implements NettyServerCustomizer {

	/** Name of the handler in the channel pipeline, right after the HTTP codec. */
	static final String HANDLER_NAME = "sample.protocolErrorProblems";

	private final JsonMapper jsonMapper;

	private final DataSize maxInitialLineLength;

	private final DataSize maxHeaderSize;

	ProtocolErrorProblems(JsonMapper jsonMapper,
			@Value("${server.netty.max-initial-line-length:4KB}") DataSize maxInitialLineLength,
			@Value("${server.max-http-request-header-size:8KB}") DataSize maxHeaderSize) {
		this.jsonMapper = jsonMapper;
		this.maxInitialLineLength = maxInitialLineLength;
		this.maxHeaderSize = maxHeaderSize;
	}

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remoteAddress) -> {
			ChannelPipeline pipeline = channel.pipeline();
			if (pipeline.get(NettyPipeline.HttpCodec) != null) {
				pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER_NAME, new ProtocolErrorProblemHandler(this::body));
			}
		});
	}

	/**
	 * The JSON problem detail for a request refused by the HTTP codec with the given status.
	 */
	byte[] body(int statusCode) {
		HttpStatus status = HttpStatus.resolve(statusCode);
		ProblemDetail problem = (status != null) ? ProblemDetail.forStatus(status) : ProblemDetail.forStatus(statusCode);
		problem.setDetail(detail(statusCode));
		return this.jsonMapper.writeValueAsBytes(problem);
	}

	private String detail(int statusCode) {
		if (statusCode == HttpStatus.URI_TOO_LONG.value()) {
			return "The request line (method, URI and HTTP version) exceeds " + format(this.maxInitialLineLength)
					+ ". Send a shorter URI, with long data in the request body instead.";
		}
		if (statusCode == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value()) {
			return "The request's headers exceed " + format(this.maxHeaderSize) + ". Send fewer or smaller headers.";
		}
		if (statusCode == HttpStatus.BAD_REQUEST.value()) {
			return "The request could not be parsed as HTTP (check the request line and headers such as "
					+ "Content-Length and Content-Type).";
		}
		return "The request was refused before it could be processed.";
	}

	private static String format(DataSize size) {
		long bytes = size.toBytes();
		return (bytes % 1024 == 0) ? (bytes / 1024) + "KB" : bytes + " bytes";
	}

}
