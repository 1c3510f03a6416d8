package io.blockingbridge.timelimit;

import java.time.Duration;

import io.blockingbridge.core.BridgeSettings;
import io.blockingbridge.core.BridgeTimeoutException;
import io.blockingbridge.http.BlockingHttpInterfaces;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import reactor.netty.DisposableServer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Two applications in one JVM with different {@code bridge.timeout}, each with an HTTP service
 * group bridged by {@link BlockingHttpInterfaces#groupConfigurer}: outside of any scope, each one's
 * group clients get its own limit, whether the configurer finds the application's settings itself
 * (declared as a bean) or is given them, not the 30 seconds of code that belongs to no application.
 */
class BlockingHttpServiceGroupTimeLimitTests {

	private static final Duration BOUND = Duration.ofSeconds(10);

	@Test
	void groupClientsGetTheLimitOfTheirApplication() {
		DisposableServer peer = TimeLimitTestApplication.silentPeer();
		try (ConfigurableApplicationContext one = start("1s", false, peer);
				ConfigurableApplicationContext two = start("2s", true, peer)) {
			timesOutWith(Duration.ofSeconds(1), () -> one.getBean(SilentPeer.class).silent());
			timesOutWith(Duration.ofSeconds(2), () -> two.getBean(SilentPeer.class).silent());
		}
		finally {
			peer.disposeNow();
		}
	}

	private static ConfigurableApplicationContext start(String timeout, boolean givenSettings, DisposableServer peer) {
		return new SpringApplicationBuilder(GroupApplication.class)
			.properties("bridge.enabled=true", "bridge.timeout=" + timeout, "server.port=0",
					"test.given-settings=" + givenSettings,
					"spring.http.serviceclient.silent.base-url=http://127.0.0.1:" + peer.port())
			.run();
	}

	private static void timesOutWith(Duration limit, Executable call) {
		assertTimeoutPreemptively(BOUND, () -> assertThatExceptionOfType(BridgeTimeoutException.class)
			.isThrownBy(call::execute)
			.satisfies((ex) -> assertThat(ex.getTimeout()).isEqualTo(limit)));
	}

	interface SilentPeer {

		@GetExchange("/silent")
		String silent();

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = "silent", types = SilentPeer.class, clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	static class GroupApplication {

		@Bean
		ConnectionFactory connectionFactory() {
			return new TimeLimitTestApplication.NeverConnectingConnectionFactory();
		}

		@Bean
		WebClientHttpServiceGroupConfigurer blockingHttpServices(@Value("${test.given-settings}") boolean given,
				BridgeSettings settings) {
			return given ? BlockingHttpInterfaces.groupConfigurer(settings, "silent")
					: BlockingHttpInterfaces.groupConfigurer("silent");
		}

	}

}
