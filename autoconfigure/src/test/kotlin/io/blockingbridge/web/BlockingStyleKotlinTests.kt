package io.blockingbridge.web

import io.blockingbridge.autoconfigure.BlockingStyleWebFluxAutoConfiguration
import io.blockingbridge.autoconfigure.BridgeAutoConfiguration
import io.blockingbridge.core.BridgeUsageException
import kotlinx.coroutines.delay
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.boot.SpringBootConfiguration
import org.springframework.boot.autoconfigure.AutoConfigurations
import org.springframework.boot.autoconfigure.EnableAutoConfiguration
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient
import org.springframework.context.annotation.Import
import org.springframework.test.web.reactive.server.WebTestClient
import org.springframework.test.web.reactive.server.expectBody
import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.RestController

/**
 * Kotlin suspend handler methods stay with WebFlux's coroutine support even with
 * `bridge.web.all-non-reactive`; plain Kotlin handler methods run on the bridge.
 */
@SpringBootTest(
	classes = [BlockingStyleKotlinTests.KotlinApplication::class],
	webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
	properties = ["bridge.enabled=true", "bridge.web.all-non-reactive=true"]
)
@AutoConfigureWebTestClient
class BlockingStyleKotlinTests(@Autowired private val client: WebTestClient) {

	@Test
	fun suspendHandlerMethodIsNotClaimedByTheBridge() {
		val body = get("/kotlin/suspend")
		assertThat(body["startedOn"]).doesNotStartWith("bridge-request-")
		assertThat(body["resumed"]).isEqualTo("true")
	}

	@Test
	fun plainKotlinHandlerMethodRunsOnTheBridge() {
		assertThat(get("/kotlin/plain")["startedOn"]).startsWith("bridge-request-")
	}

	@Test
	fun blockingStyleSuspendFunctionFailsTheStartNamingIt() {
		ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration::class.java,
				WebFluxAutoConfiguration::class.java, BridgeAutoConfiguration::class.java,
				BlockingStyleWebFluxAutoConfiguration::class.java))
			.withPropertyValues("bridge.enabled=true")
			.withUserConfiguration(BlockingStyleSuspendController::class.java)
			.run { context ->
				assertThat(context).hasFailed()
				assertThat(context.startupFailure)
					.isInstanceOf(BridgeUsageException::class.java)
					.hasMessageContaining("BlockingStyleSuspendController#hello")
					.hasMessageContaining("is a Kotlin suspend function")
			}
	}

	private fun get(path: String): Map<String, String> =
		client.get().uri(path).exchange().expectStatus().isOk.expectBody<Map<String, String>>().returnResult()
			.responseBody!!

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(KotlinController::class)
	class KotlinApplication

	@RestController
	class KotlinController {

		@GetMapping("/kotlin/suspend")
		suspend fun suspending(): Map<String, String> {
			val startedOn = Thread.currentThread().name
			delay(5)
			return mapOf("startedOn" to startedOn, "resumed" to "true")
		}

		@GetMapping("/kotlin/plain")
		fun plain(): Map<String, String> = mapOf("startedOn" to Thread.currentThread().name)

	}

	@RestController
	class BlockingStyleSuspendController {

		@BlockingStyle
		@GetMapping("/kotlin/blocking-suspend")
		suspend fun hello(): String = "hello"

	}

}
