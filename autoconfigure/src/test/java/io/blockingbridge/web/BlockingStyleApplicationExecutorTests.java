package io.blockingbridge.web;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.blockingbridge.core.Bridge;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.config.BlockingExecutionConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An executor that the application configures with {@code configureBlockingExecution} keeps running
 * the controller methods it selects, even with {@code bridge.web.all-non-reactive}; only
 * {@code @BlockingStyle} methods run on the bridge's virtual threads.
 */
@SpringBootTest(classes = BlockingStyleApplicationExecutorTests.ExecutorApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.enabled=true", "bridge.web.all-non-reactive=true" })
@AutoConfigureWebTestClient
class BlockingStyleApplicationExecutorTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private WebTestClient client;

	@Autowired
	private CountingExecutor executor;

	@Test
	void unannotatedMethodRunsOnTheApplicationsExecutor() {
		int before = this.executor.executions.get();
		assertThat(get("/executor/plain")).hasEntrySatisfying("thread",
				(thread) -> assertThat((String) thread).startsWith("app-blocking-"));
		assertThat(get("/executor/plain")).hasEntrySatisfying("thread",
				(thread) -> assertThat((String) thread).startsWith("app-blocking-"));
		assertThat(this.executor.executions.get() - before).as("executions for two requests, as without the bridge")
			.isEqualTo(4);
	}

	@Test
	void blockingStyleMethodRunsOnTheBridgeAndNotOnTheApplicationsExecutor() {
		int before = this.executor.executions.get();
		Map<String, Object> body = get("/executor/bridged");
		assertThat((String) body.get("thread")).startsWith("bridge-request-");
		assertThat(body).containsEntry("awaited", "value");
		assertThat(this.executor.executions.get()).isEqualTo(before);
	}

	@Test
	void reactiveMethodStaysOnTheEventLoop() {
		int before = this.executor.executions.get();
		assertThat(get("/executor/reactive")).containsEntry("virtual", false);
		assertThat(this.executor.executions.get()).isEqualTo(before);
	}

	private Map<String, Object> get(String path) {
		Map<String, Object> body = this.client.get().uri(path).exchange().expectStatus().isOk().expectBody(JSON_MAP)
			.returnResult().getResponseBody();
		assertThat(body).isNotNull();
		return body;
	}

	/** The application's executor for blocking controller methods, counting its tasks. */
	static class CountingExecutor extends SimpleAsyncTaskExecutor {

		final AtomicInteger executions = new AtomicInteger();

		CountingExecutor() {
			super("app-blocking-");
		}

		@Override
		public void execute(Runnable task) {
			this.executions.incrementAndGet();
			super.execute(task);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ExecutorController.class)
	static class ExecutorApplication {

		@Bean
		CountingExecutor countingExecutor() {
			return new CountingExecutor();
		}

		@Bean
		WebFluxConfigurer blockingExecution(CountingExecutor executor) {
			return new WebFluxConfigurer() {

				@Override
				public void configureBlockingExecution(BlockingExecutionConfigurer configurer) {
					configurer.setExecutor(executor);
				}

			};
		}

	}

	@RestController
	static class ExecutorController {

		@GetMapping("/executor/plain")
		Map<String, Object> plain() {
			return Map.of("thread", Thread.currentThread().getName());
		}

		@BlockingStyle
		@GetMapping("/executor/bridged")
		Map<String, Object> bridged() {
			return Map.of("thread", Thread.currentThread().getName(), "awaited", Bridge.await(Mono.just("value")));
		}

		@GetMapping("/executor/reactive")
		Mono<Map<String, Object>> reactive() {
			return Mono.fromCallable(() -> Map.of("virtual", Thread.currentThread().isVirtual()));
		}

	}

}
