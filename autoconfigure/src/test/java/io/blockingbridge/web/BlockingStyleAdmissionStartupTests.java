package io.blockingbridge.web;

import io.blockingbridge.autoconfigure.BlockingStyleWebFluxAutoConfiguration;
import io.blockingbridge.autoconfigure.BridgeAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the admission limit properties configure, or refuse to configure, the application.
 */
class BlockingStyleAdmissionStartupTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebFluxAutoConfiguration.class,
				BridgeAutoConfiguration.class, BlockingStyleWebFluxAutoConfiguration.class))
		.withPropertyValues("bridge.enabled=true");

	@Test
	void byDefaultThereIsNoLimit() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BlockingStyleAdmission.class));
	}

	@Test
	void retryAfterWithoutAUnitMeansSeconds() {
		this.runner.withPropertyValues("bridge.web.max-concurrent-requests=5", "bridge.web.retry-after=7")
			.run((context) -> assertThat(context.getBean(BlockingStyleAdmission.class).refusalHeaders()
				.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("7"));
	}

	@Test
	void negativeLimitFailsTheStartNamingTheProperty() {
		this.runner.withPropertyValues("bridge.web.max-concurrent-requests=-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("must be at least 1, not -1")
				.hasMessageContaining("'bridge.web.max-concurrent-requests' to 0");
		});
	}

}
