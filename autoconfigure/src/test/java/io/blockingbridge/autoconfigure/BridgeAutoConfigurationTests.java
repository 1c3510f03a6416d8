package io.blockingbridge.autoconfigure;

import java.time.Duration;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeScope;
import io.blockingbridge.core.BridgeSettings;
import io.blockingbridge.core.BridgeTimeoutException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link BridgeAutoConfiguration}: {@code bridge.*} properties and the application's own
 * {@link BridgeSettings}.
 */
class BridgeAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BridgeAutoConfiguration.class));

	@Test
	void bridgeTimeoutReachesTheApplicationsSettingsRegisteredWhileItRuns() {
		ApplicationContext[] started = new ApplicationContext[1];
		this.runner.withPropertyValues("bridge.enabled=true", "bridge.timeout=300ms").run((context) -> {
			started[0] = context.getSourceApplicationContext();
			assertThat(context).hasSingleBean(BridgeProperties.class);
			assertThat(context.getBean(BridgeSettings.class).timeout()).isEqualTo(Duration.ofMillis(300));
			assertThat(BridgeSettings.registeredFor(context.getSourceApplicationContext()))
				.isSameAs(context.getBean(BridgeSettings.class));
			try (BridgeScope scope = BridgeScope.open(Context.empty(),
					context.getBean(BridgeSettings.class).scopeTimeout())) {
				assertThatExceptionOfType(BridgeTimeoutException.class).isThrownBy(() -> Bridge.await(Mono.never()))
					.satisfies((ex) -> assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(300)));
			}
		});
		assertThat(BridgeSettings.registeredFor(started[0])).as("unregistered when closed").isNull();
	}

	@Test
	void aUserDefinedBridgeSettingsBeanWins() {
		this.runner.withPropertyValues("bridge.enabled=true", "bridge.timeout=300ms")
			.withBean(BridgeSettings.class, () -> new BridgeSettings(Duration.ofSeconds(7)))
			.run((context) -> assertThat(context.getBean(BridgeSettings.class).timeout())
				.isEqualTo(Duration.ofSeconds(7)));
	}

	@Test
	void propertiesAreBoundWithTheirDefaults() {
		this.runner.withPropertyValues("bridge.enabled=true").run((context) -> {
			BridgeProperties properties = context.getBean(BridgeProperties.class);
			assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.web().allNonReactive()).isFalse();
			assertThat(properties.r2dbc().guardConnections()).isTrue();
		});
	}

	@Test
	void withoutTheBridgeNothingIsConfiguredAndTheTimeLimitIsLeftAlone() {
		Duration before = BridgeScope.currentTimeout();
		this.runner.withPropertyValues("bridge.timeout=300ms").run((context) -> {
			assertThat(context).doesNotHaveBean(BridgeProperties.class);
			assertThat(context).doesNotHaveBean(BridgeSettings.class);
			assertThat(BridgeScope.currentTimeout()).isEqualTo(before);
		});
	}

}
