package io.blockingbridge.test;

import java.time.Duration;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeUsageException;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * {@link BridgeChecks} fails a test that blocked a thread that must never block, even when the
 * code swallowed the error, and passes one that blocked where blocking is fine. The test classes
 * below run through the JUnit Platform's EngineTestKit, not on their own.
 */
class BridgeChecksBlockingTests {

	@Test
	void failsATestThatSleptOnAParallelThreadAndSwallowedTheError() {
		Events events = run("sleepsOnParallel");
		events.assertStatistics((stats) -> stats.started(1).failed(1));
		events.assertThatEvents()
			.haveExactly(1, event(test("sleepsOnParallel"),
					finishedWithFailure(instanceOf(AssertionError.class),
							message((text) -> text.startsWith("Blocked a thread that must never block: java.lang.Thread.sleep")
									&& text.contains("on thread 'parallel-")
									&& text.contains("Schedulers.boundedElastic()")
									&& text.contains("Blocking stack:\n\tat ")
									&& text.contains(BlockingExamples.class.getName() + ".lambda$sleepsOnParallel")))));
	}

	@Test
	void failsATestThatAwaitedOnAReactorNettyEventLoopAndSwallowedTheBridgesRefusal() {
		Events events = run("awaitsOnAnEventLoop");
		events.assertStatistics((stats) -> stats.started(1).failed(1));
		events.assertThatEvents()
			.haveExactly(1, event(test("awaitsOnAnEventLoop"), finishedWithFailure(instanceOf(AssertionError.class),
					message((text) -> text.startsWith("Blocked a thread that must never block: a Bridge await")
							&& text.contains("on thread 'reactor-http-")
							&& text.contains("io.blockingbridge.core.Bridge.await")
							&& text.contains(BlockingExamples.class.getName() + ".lambda$awaitsOnAnEventLoop")))));
	}

	@Test
	void passesATestThatBlockedWhereBlockingIsFine() {
		Events events = run("blocksOnBoundedElasticAndAwaitsOnAVirtualThread");
		events.assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
	}

	@Test
	void theBlockingCheckCanBeSwitchedOff() {
		Events events = run("sleepsOnParallelWithTheCheckOff");
		events.assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
	}

	private static Events run(String method) {
		return EngineTestKit.engine("junit-jupiter")
			.selectors(selectMethod(BlockingExamples.class, method))
			.execute()
			.testEvents();
	}

	@BridgeChecks(pinning = false)
	static class BlockingExamples {

		@Test
		void sleepsOnParallel() {
			Integer value = Mono.fromCallable(() -> {
				Thread.sleep(10);
				return 1;
			}).subscribeOn(Schedulers.parallel()).onErrorReturn(0).block(Duration.ofSeconds(30));
			assertThat(value).isZero(); // BlockHound's error, swallowed
		}

		@Test
		@BridgeChecks(blocking = false, pinning = false)
		void sleepsOnParallelWithTheCheckOff() {
			Mono.fromCallable(() -> 1).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(30));
		}

		@Test
		void awaitsOnAnEventLoop() {
			DisposableServer server = HttpServer.create().port(0).handle((request, response) -> {
				String body;
				try {
					body = "awaited " + Bridge.await(Mono.just("value"));
				}
				catch (BridgeUsageException ex) {
					body = "refused"; // swallowed
				}
				return response.sendString(Mono.just(body));
			}).bindNow();
			try {
				String body = HttpClient.create()
					.port(server.port())
					.get()
					.uri("/")
					.responseContent()
					.aggregate()
					.asString()
					.block(Duration.ofSeconds(30));
				assertThat(body).isEqualTo("refused");
			}
			finally {
				server.disposeNow();
			}
		}

		@Test
		void blocksOnBoundedElasticAndAwaitsOnAVirtualThread() throws InterruptedException {
			Mono.fromCallable(() -> {
				Thread.sleep(10);
				return 1;
			}).subscribeOn(Schedulers.boundedElastic()).block(Duration.ofSeconds(30));
			String[] awaited = new String[1];
			Thread.ofVirtual()
				.start(() -> awaited[0] = Bridge.await(Mono.just("value").delayElement(Duration.ofMillis(10))))
				.join();
			assertThat(awaited[0]).isEqualTo("value");
		}

	}

}
