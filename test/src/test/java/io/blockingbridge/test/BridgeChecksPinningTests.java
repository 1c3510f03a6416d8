package io.blockingbridge.test;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * {@link BridgeChecks} fails a test that pinned a virtual thread (a real pinning: blocking in a
 * class initializer, which pins on every JDK), and passes one that did not. The test classes below
 * run through the JUnit Platform's EngineTestKit, not on their own.
 */
class BridgeChecksPinningTests {

	@Test
	void failsATestThatPinnedAVirtualThreadAndShowsTheStack() {
		Events events = run(PinningExamples.class, "pins");
		events.assertStatistics((stats) -> stats.started(1).failed(1).succeeded(0));
		events.assertThatEvents()
			.haveExactly(1, event(test("pins"), finishedWithFailure(instanceOf(AssertionError.class),
					message((text) -> text.contains("A virtual thread was pinned to its carrier thread (threshold 5 ms)")
							&& text.contains(SlowInitializer.class.getName() + ".<clinit>")
							&& text.contains("Do not do I/O, awaits or waits in static initializers")
							&& text.contains("Pinned stack:\n\tat ")))));
	}

	@Test
	void passesATestThatDidNotPin() {
		Events events = run(PinningExamples.class, "blocksWithoutPinning");
		events.assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
	}

	@Test
	void pinningsShorterThanTheThresholdPassWhileAStreamWithALowerThresholdRuns() {
		// the first test starts the stream of the default threshold, which is still running in the second
		Events events = EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(HighThresholdExamples.class))
			.execute()
			.testEvents();
		events.assertStatistics((stats) -> stats.started(2).succeeded(2).failed(0));
	}

	@Test
	void thePinningCheckCanBeSwitchedOff() {
		Events events = run(PinningExamples.class, "pinsWithTheCheckOff");
		events.assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
	}

	@Test
	void theTestsOwnFailureComesFirst() {
		Events events = run(PinningExamples.class, "pinsAndFails");
		events.assertThatEvents().haveExactly(1, event(test("pinsAndFails"), finishedWithFailure(
				instanceOf(IllegalStateException.class), message("the test's own failure"))));
		assertThat(events.failed().list().get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class)
			.flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
			.map(Throwable::getSuppressed)
			.orElseThrow()).singleElement()
			.satisfies((suppressed) -> assertThat(suppressed).hasMessageContaining("pinned to its carrier thread"));
	}

	private static Events run(Class<?> type, String method) {
		return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(type, method)).execute().testEvents();
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@BridgeChecks(blocking = false)
	static class PinningExamples {

		@Test
		void pins() throws InterruptedException {
			Thread.ofVirtual().start(SlowInitializer::touch).join();
		}

		@Test
		void blocksWithoutPinning() throws InterruptedException {
			Object lock = new Object();
			Thread.ofVirtual().start(() -> {
				synchronized (lock) { // no longer pins on JDK 24+
					sleep(100);
				}
				sleep(100);
			}).join();
		}

		@Test
		@BridgeChecks(pinning = false, blocking = false)
		void pinsWithTheCheckOff() throws InterruptedException {
			Thread.ofVirtual().start(UncheckedInitializer::touch).join();
		}

		@Test
		void pinsAndFails() throws InterruptedException {
			Thread.ofVirtual().start(FailingTestInitializer::touch).join();
			throw new IllegalStateException("the test's own failure");
		}

	}

	@BridgeChecks(blocking = false)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class HighThresholdExamples {

		@Test
		@Order(1)
		void startsTheStreamOfTheDefaultThreshold() throws InterruptedException {
			Thread.ofVirtual().start(() -> sleep(10)).join();
		}

		@Test
		@Order(2)
		@BridgeChecks(blocking = false, pinningThresholdMillis = 20_000)
		void pinsBriefly() throws InterruptedException {
			Thread.ofVirtual().start(BriefInitializer::touch).join();
		}

	}

	static final class SlowInitializer {

		static {
			sleep(200);
		}

		static void touch() {
		}

	}

	static final class UncheckedInitializer {

		static {
			sleep(200);
		}

		static void touch() {
		}

	}

	static final class FailingTestInitializer {

		static {
			sleep(200);
		}

		static void touch() {
		}

	}

	static final class BriefInitializer {

		static {
			sleep(200);
		}

		static void touch() {
		}

	}

}
