package io.blockingbridge.web;

import java.util.Map;

import io.blockingbridge.core.Bridge;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A {@code @WebFluxTest} slice runs {@link BlockingStyle} controllers the way the application does.
 */
@WebFluxTest(controllers = BlockingStyleWebFluxSliceTests.SliceController.class, properties = "bridge.enabled=true")
class BlockingStyleWebFluxSliceTests {

	@Autowired
	private WebTestClient client;

	@Test
	void sliceRunsTheControllerOnAVirtualThreadWithTheBridge() {
		this.client.get().uri("/slice").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.virtual").isEqualTo(true).jsonPath("$.awaited").isEqualTo("reactive value");
	}

	@SpringBootConfiguration
	@Import(SliceController.class)
	static class SliceApplication {

	}

	@RestController
	@BlockingStyle
	static class SliceController {

		@GetMapping("/slice")
		Map<String, Object> slice() {
			return Map.of("virtual", Thread.currentThread().isVirtual(), "awaited",
					Bridge.await(Mono.just("reactive value")));
		}

	}

}
