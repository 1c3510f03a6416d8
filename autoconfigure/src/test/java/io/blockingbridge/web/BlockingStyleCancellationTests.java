package io.blockingbridge.web;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeInterruptedException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A blocking-style request whose client goes away ends its virtual thread, even when the handler
 * swallows the interrupt.
 */
@SpringBootTest(classes = BlockingStyleCancellationTests.CancellationApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bridge.enabled=true")
class BlockingStyleCancellationTests {

	@Autowired
	private Recorder recorder;

	@LocalServerPort
	private int port;

	@Test
	void requestThreadEndsAfterADisconnectEvenIfTheHandlerSwallowsTheInterrupt() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write("GET /cancellation/swallow HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(this.recorder.started.await(10, TimeUnit.SECONDS)).as("handler started").isTrue();
		}
		assertThat(this.recorder.swallowed.await(10, TimeUnit.SECONDS)).as("interrupt reached the handler").isTrue();
		Thread thread = this.recorder.thread.get();
		assertThat(thread).isNotNull();
		assertThat(thread.join(Duration.ofSeconds(10))).as("request thread ended").isTrue();
	}

	/** What the swallowing handler did. */
	static class Recorder {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch swallowed = new CountDownLatch(1);

		final AtomicReference<@Nullable Thread> thread = new AtomicReference<>();

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(SwallowingController.class)
	static class CancellationApplication {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

	}

	@RestController
	@BlockingStyle
	static class SwallowingController {

		private final Recorder recorder;

		SwallowingController(Recorder recorder) {
			this.recorder = recorder;
		}

		@GetMapping("/cancellation/swallow")
		String swallow() {
			this.recorder.thread.set(Thread.currentThread());
			try {
				Bridge.await(Mono.never().doOnSubscribe((subscription) -> this.recorder.started.countDown()),
						Duration.ofSeconds(60));
				return "unreachable";
			}
			catch (BridgeInterruptedException ex) {
				Thread.interrupted();
				this.recorder.swallowed.countDown();
				return "swallowed";
			}
		}

	}

}
