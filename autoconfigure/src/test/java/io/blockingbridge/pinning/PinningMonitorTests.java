package io.blockingbridge.pinning;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PinningMonitor} with real pinnings: on JDK 24 and later {@code synchronized} no longer pins
 * a virtual thread, but a class initializer that blocks still does (the JVM reports "VM call to
 * X.&lt;clinit&gt; on stack").
 */
class PinningMonitorTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final List<Object> seen = new CopyOnWriteArrayList<>();

	@Test
	void aVirtualThreadBlockingInAClassInitializerIsReportedWithItsStack() throws Exception {
		try (PinningMonitor monitor = PinningMonitor.start(Duration.ofMillis(20), this::record)) {
			Thread.ofVirtual().start(SlowInitializer::touch).join();
			assertThat(monitor.sync(WAIT)).isTrue();
		}
		assertThat(this.seen).singleElement().isInstanceOfSatisfying(PinnedThread.class, (pinned) -> {
			assertThat(pinned.reason()).contains(SlowInitializer.class.getName()).contains("<clinit>");
			assertThat(pinned.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
			assertThat(pinned.stackTrace()).first()
				.satisfies((frame) -> assertThat(frame.getClassName()).isNotEqualTo("java.lang.VirtualThread"));
			assertThat(pinned.stackTrace()).anySatisfy((frame) -> {
				assertThat(frame.getClassName()).isEqualTo(SlowInitializer.class.getName());
				assertThat(frame.getMethodName()).isEqualTo("<clinit>");
			});
			assertThat(pinned.summary()).startsWith("pinned for ").contains("<clinit>");
			assertThat(pinned.advice()).contains("static initializers");
			assertThat(pinned.frames(3)).contains("\tat ").contains("more");
		});
	}

	@Test
	void pinningsShorterThanTheThresholdAreNotReported() throws Exception {
		try (PinningMonitor monitor = PinningMonitor.start(Duration.ofSeconds(20), this::record)) {
			Thread.ofVirtual().start(ShortInitializer::touch).join();
			assertThat(monitor.sync(WAIT)).isTrue();
		}
		assertThat(this.seen).isEmpty();
	}

	@Test
	void eachMonitorKeepsToItsOwnThresholdWhileAnotherWithALowerOneRuns() throws Exception {
		List<PinnedThread> low = new CopyOnWriteArrayList<>();
		try (PinningMonitor lowMonitor = PinningMonitor.start(Duration.ofMillis(1), low::add);
				PinningMonitor highMonitor = PinningMonitor.start(Duration.ofSeconds(20), this::record)) {
			Thread.ofVirtual().start(SharedInitializer::touch).join();
			assertThat(lowMonitor.sync(WAIT)).isTrue();
			assertThat(highMonitor.sync(WAIT)).isTrue();
		}
		assertThat(low).hasSize(1);
		assertThat(this.seen).isEmpty();
	}

	@Test
	void blockingOutsideOfPinningFramesIsNotReported() throws Exception {
		Object lock = new Object();
		try (PinningMonitor monitor = PinningMonitor.start(Duration.ofMillis(1), this::record)) {
			Thread.ofVirtual().start(() -> {
				synchronized (lock) { // no longer pins on JDK 24+
					sleep(100);
				}
				sleep(100);
			}).join();
			assertThat(monitor.sync(WAIT)).isTrue();
		}
		assertThat(this.seen).noneMatch(PinnedThread.class::isInstance);
	}

	@Test
	void marksArriveInOrderWithThePinnings() throws Exception {
		List<Object> expected;
		try (PinningMonitor monitor = PinningMonitor.start(Duration.ofMillis(20), new PinningMonitor.Listener() {

			@Override
			public void pinned(PinnedThread pinnedThread) {
				record(pinnedThread);
			}

			@Override
			public void marked(long id) {
				PinningMonitorTests.this.seen.add(id);
			}

		})) {
			long before = monitor.mark();
			Thread.ofVirtual().start(OrderedInitializer::touch).join();
			long after = monitor.mark();
			assertThat(monitor.awaitMark(after, WAIT)).isTrue();
			expected = List.of(before, PinnedThread.class, after);
		}
		assertThat(this.seen).hasSize(3);
		assertThat(this.seen.get(0)).isEqualTo(expected.get(0));
		assertThat(this.seen.get(1)).isInstanceOf(PinnedThread.class);
		assertThat(this.seen.get(2)).isEqualTo(expected.get(2));
	}

	@Test
	void aClosedMonitorDoesNotSync() {
		PinningMonitor monitor = PinningMonitor.start(Duration.ofMillis(20), this::record);
		monitor.close();
		assertThat(monitor.sync(Duration.ofSeconds(2))).isFalse();
	}

	private void record(PinnedThread pinnedThread) {
		this.seen.add(pinnedThread);
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static final class SlowInitializer {

		static {
			sleep(200);
		}

		static void touch() {
		}

	}

	static final class ShortInitializer {

		static {
			sleep(50);
		}

		static void touch() {
		}

	}

	static final class SharedInitializer {

		static {
			sleep(200);
		}

		static void touch() {
		}

	}

	static final class OrderedInitializer {

		static {
			sleep(100);
		}

		static void touch() {
		}

	}

}
