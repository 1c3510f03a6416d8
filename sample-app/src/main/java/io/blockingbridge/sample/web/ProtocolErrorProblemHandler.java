package io.blockingbridge.sample.web;

import java.util.function.IntFunction;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.AttributeKey;

import org.springframework.http.MediaType;

/**
 * Sits right after the HTTP codec of one connection: once the codec has failed to decode a request,
 * gives the bare error response that Reactor Netty writes for it (a complete response with a 4xx or
 * 5xx status, no {@code Content-Type} and no body) a problem detail body, or drops it (and closes
 * the connection) if the request was answered already. Every other response
 * (anything Spring wrote, streamed responses, informational responses) passes unchanged.
 */
class ProtocolErrorProblemHandler extends ChannelDuplexHandler {

	private static final String PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private final IntFunction<byte[]> problemBodies;

	private static final AttributeKey<Boolean> DECODING_FAILED = AttributeKey
		.valueOf(ProtocolErrorProblemHandler.class, "decodingFailed");

	private boolean decodingFailed;

	/** Requests read on this connection. */
	private long requestsRead;

	/** Responses written (or begun) on this connection. */
	private long responsesWritten;

	/** Which request (counted from 1) the codec failed on. */
	private long failedRequest;

	ProtocolErrorProblemHandler(IntFunction<byte[]> problemBodies) {
		this.problemBodies = problemBodies;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		if (msg instanceof HttpRequest) {
			this.requestsRead++;
		}
		if (msg instanceof HttpObject http && http.decoderResult().isFailure() && !this.decodingFailed) {
			this.decodingFailed = true;
			this.failedRequest = this.requestsRead;
			ctx.channel().attr(DECODING_FAILED).set(Boolean.TRUE);
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		if (this.decodingFailed && msg instanceof FullHttpResponse response && isBare(response)) {
			if (this.responsesWritten >= this.failedRequest) {
				// The request was answered already (a 401 before its body was read, for example) and
				// then its body could not be decoded: one answer per request, then the close.
				response.release();
				promise.setSuccess();
				ctx.close();
				return;
			}
			this.responsesWritten++;
			ctx.write(withProblemDetail(response), promise);
			return;
		}
		if (msg instanceof HttpResponse response && response.status().code() >= 200) {
			this.responsesWritten++;
		}
		ctx.write(msg, promise);
	}

	/**
	 * Whether the HTTP codec failed to decode something on the given connection; Reactor Netty has
	 * then answered (or will answer) {@code 400} and closes the connection. Still known once the
	 * connection is closed (when its handlers are gone).
	 */
	static boolean decodingFailed(Channel channel) {
		return Boolean.TRUE.equals(channel.attr(DECODING_FAILED).get());
	}

	private static boolean isBare(FullHttpResponse response) {
		return response.status().code() >= 400 && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)
				&& !response.content().isReadable();
	}

	private FullHttpResponse withProblemDetail(FullHttpResponse response) {
		byte[] body = this.problemBodies.apply(response.status().code());
		FullHttpResponse problem = response.replace(Unpooled.wrappedBuffer(body));
		response.release();
		problem.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, PROBLEM_JSON)
			.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
		return problem;
	}

}
