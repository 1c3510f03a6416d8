package io.blockingbridge.test;

import java.time.Duration;
import java.util.ServiceLoader;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeBlockHoundIntegration;
import io.blockingbridge.core.BridgeScope;
import io.blockingbridge.core.BridgeUsageException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.blockhound.integration.BlockHoundIntegration;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With BlockHound installed as {@link BlockingCalls} does it (loading its integrations, naming no
 * method of the bridge), the bridge's own {@link BridgeBlockHoundIntegration} makes it report
 * {@code Bridge.await} on a Reactor parallel thread as a blocking call, and leave an await on a
 * virtual thread in a bridge scope alone.
 */
@Timeout(30)
class BridgeBlockHoundIntegrationTests {

	@BeforeAll
	static void installBlockHound() {
		BlockingCalls.install();
	}

	@Test
	void blockHoundFindsTheIntegrationItself() {
		assertThat(ServiceLoader.load(BlockHoundIntegration.class))
			.hasAtLeastOneElementOfType(BridgeBlockHoundIntegration.class);
	}

	@Test
	void anAwaitOnAParallelThreadIsReportedAsBlocking() {
		BlockingCalls.Window window = BlockingCalls.open();
		String outcome = Mono.fromCallable(() -> {
			try {
				return "awaited " + Bridge.await(Mono.just("value"));
			}
			catch (BridgeUsageException ex) {
				return "refused";
			}
		}).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(20));
		assertThat(outcome).isEqualTo("refused");
		assertThat(reported(window)).startsWith("Blocked a thread that must never block: a Bridge await on thread "
				+ "'parallel-")
			.contains("io.blockingbridge.core.Bridge.await");
	}

	@Test
	void anAwaitOnAVirtualThreadInAScopeIsAllowed() throws InterruptedException {
		BlockingCalls.Window window = BlockingCalls.open();
		String[] awaited = new String[1];
		Thread.ofVirtual().start(() -> {
			try (BridgeScope scope = BridgeScope.open(Context.empty())) {
				awaited[0] = Bridge.await(Mono.just("value").delayElement(Duration.ofMillis(10)));
			}
		}).join();
		assertThat(awaited[0]).isEqualTo("value");
		assertThat(reported(window)).isEmpty();
	}

	private static String reported(BlockingCalls.Window window) {
		StringBuilder text = new StringBuilder();
		window.describeTo(text);
		return text.toString();
	}

}
