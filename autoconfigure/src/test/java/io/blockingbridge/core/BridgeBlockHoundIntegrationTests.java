package io.blockingbridge.core;

import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.integration.BlockHoundIntegration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

/**
 * {@link BridgeBlockHoundIntegration} is found by BlockHound's service loading and marks the one
 * method every blocking entry point of the bridge calls, {@link BlockingCheck#beforeBlocking(String)}.
 * That BlockHound then reports {@code Bridge.await} on a parallel thread is shown in the test
 * module, whose JVM installs BlockHound.
 */
class BridgeBlockHoundIntegrationTests {

	@Test
	void blockHoundLoadsItAsAService() {
		assertThat(ServiceLoader.load(BlockHoundIntegration.class))
			.hasAtLeastOneElementOfType(BridgeBlockHoundIntegration.class);
	}

	@Test
	void marksTheBlockingCheckOfEveryEntryPoint() {
		BlockHound.Builder builder = mock(BlockHound.Builder.class);
		new BridgeBlockHoundIntegration().applyTo(builder);
		verify(builder).markAsBlocking(BlockingCheck.class, "beforeBlocking", "(Ljava/lang/String;)V");
		verifyNoMoreInteractions(builder);
	}

	@Test
	void recognizesTheBlockingCheckAmongReportedCalls() {
		assertThat(BridgeBlockHoundIntegration
			.isBridgeEntryPoint(new BlockingMethod(BlockingCheck.class.getName(), "beforeBlocking", 9))).isTrue();
		assertThat(BridgeBlockHoundIntegration.isBridgeEntryPoint(new BlockingMethod("java.lang.Thread", "sleep", 9)))
			.isFalse();
	}

}
