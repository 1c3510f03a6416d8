package io.blockingbridge.sample.web;

import java.util.function.IntFunction;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;

import org.springframework.http.MediaType;

/**
 * Sits right after the HTTP codec of one connection: once the codec has failed to decode a request,
 * gives the bare error response that Reactor Netty writes for it (a complete response with a 4xx or
 * 5xx status, no {@code Content-Type} and no body) a problem detail body. Every other response
 * (anything Spring wrote, streamed responses, informational responses) passes unchanged.
 */
class ProtocolErrorProblemHandler extends ChannelDuplexHandler {

	private static final String PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private final IntFunction<byte[]> problemBodies;

	private boolean decodingFailed;

	ProtocolErrorProblemHandler(IntFunction<byte[]> problemBodies) {
		this.problemBodies = problemBodies;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
			this.decodingFailed = true;
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		if (this.decodingFailed && msg instanceof FullHttpResponse response && isBare(response)) {
			ctx.write(withProblemDetail(response), promise);
			return;
		}
		ctx.write(msg, promise);
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
