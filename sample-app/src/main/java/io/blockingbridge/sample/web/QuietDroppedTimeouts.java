package io.blockingbridge.sample.web;

import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.ChannelException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Hooks;

/**
 * Reactor logs an error that arrives after its subscriber has ended ("onErrorDropped") at ERROR.
 * Reactor Netty's read and request timeouts of a body that stopped arriving
 * ({@code sample.server.read-timeout}, {@code request-timeout}) can reach the body's reader twice,
 * after the request was answered and its connection closed: an expected refusal, logged at DEBUG
 * here. Every other dropped error is logged at ERROR as Reactor would. Installed once per JVM.
 */
final class QuietDroppedTimeouts {

	private static final Log logger = LogFactory.getLog(QuietDroppedTimeouts.class);

	private static final AtomicBoolean installed = new AtomicBoolean();

	private QuietDroppedTimeouts() {
	}

	static void install() {
		if (installed.compareAndSet(false, true)) {
			Hooks.onErrorDropped(QuietDroppedTimeouts::dropped);
		}
	}

	private static void dropped(Throwable ex) {
		if (isBodyTimeout(ex)) {
			logger.debug("A body timeout arrived after its request ended", ex);
			return;
		}
		logger.error("Operator called default onErrorDropped", ex);
	}

	/** Reactor Netty's read timeout, or its (package-private) request timeout. */
	static boolean isBodyTimeout(Throwable ex) {
		return ex instanceof ReadTimeoutException || (ex instanceof ChannelException
				&& ex.getClass().getName().equals("reactor.netty.http.server.RequestTimeoutException"));
	}

}
