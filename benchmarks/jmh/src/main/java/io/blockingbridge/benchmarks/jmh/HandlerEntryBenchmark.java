package io.blockingbridge.benchmarks.jmh;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.blockingbridge.web.BlockingStyle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.DispatcherHandler;

/**
 * The cost of entering a {@link BlockingStyle} handler against a reactive one: a request through
 * WebFlux's DispatcherHandler (mapping, adapter, invocation, JSON response) without the network.
 * <p>
 * Each invocation dispatches {@value #IN_FLIGHT} requests at once and waits until all are answered,
 * as a server's event loops would: what is measured is the CPU time per request, not how long the
 * benchmark thread takes to wake up after a request answered on a virtual thread (one request at a
 * time, that wake-up was most of the difference, and the noise).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgs = "-Xmx512m")
public class HandlerEntryBenchmark {

	static final int IN_FLIGHT = 64;

	private ConfigurableApplicationContext context;

	private DispatcherHandler dispatcher;

	/** Start a WebFlux application with both handlers. */
	@Setup(Level.Trial)
	public void start() {
		this.context = new SpringApplicationBuilder(HandlerApplication.class).web(WebApplicationType.REACTIVE)
			.properties("bridge.enabled=true", "server.port=0", "spring.main.banner-mode=off",
					"logging.level.root=warn")
			.run();
		this.dispatcher = this.context.getBean(DispatcherHandler.class);
	}

	/** Stop the application. */
	@TearDown(Level.Trial)
	public void stop() {
		this.context.close();
	}

	/**
	 * A request to a {@code @BlockingStyle} method returning a plain value.
	 * @return the response
	 */
	@Benchmark
	@OperationsPerInvocation(IN_FLIGHT)
	public Object enterBlockingStyleHandler() throws InterruptedException {
		return handle("/blocking");
	}

	/**
	 * A request to a reactive method returning a Mono.
	 * @return the response
	 */
	@Benchmark
	@OperationsPerInvocation(IN_FLIGHT)
	public Object enterReactiveHandler() throws InterruptedException {
		return handle("/reactive");
	}

	private Object handle(String path) throws InterruptedException {
		CountDownLatch answered = new CountDownLatch(IN_FLIGHT);
		MockServerWebExchange[] exchanges = new MockServerWebExchange[IN_FLIGHT];
		for (int i = 0; i < IN_FLIGHT; i++) {
			exchanges[i] = MockServerWebExchange.from(MockServerHttpRequest.get(path));
			this.dispatcher.handle(exchanges[i]).subscribe(null, (ex) -> answered.countDown(), answered::countDown);
		}
		if (!answered.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Requests not answered within 10 seconds");
		}
		return exchanges[IN_FLIGHT - 1].getResponse().getBodyAsString().block();
	}

	/** The application under measurement. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Handlers.class)
	public static class HandlerApplication {

	}

	/** One handler of each style, answering the same JSON. */
	@RestController
	public static class Handlers {

		/**
		 * The blocking-style handler.
		 * @return a greeting
		 */
		@BlockingStyle
		@GetMapping("/blocking")
		public Greeting blocking() {
			return new Greeting("hello");
		}

		/**
		 * The reactive handler.
		 * @return a greeting
		 */
		@GetMapping("/reactive")
		public Mono<Greeting> reactive() {
			return Mono.just(new Greeting("hello"));
		}

	}

	/**
	 * The response body.
	 * @param message the text
	 */
	public record Greeting(String message) {
	}

}
