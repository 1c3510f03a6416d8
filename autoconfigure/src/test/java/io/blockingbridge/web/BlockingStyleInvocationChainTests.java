package io.blockingbridge.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.blockingbridge.core.Bridge;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every step of a blocking-style request that calls application code runs on the request's virtual
 * thread, inside its bridge scope: {@code @ModelAttribute}, {@code @InitBinder}, the handler, and
 * {@code @ExceptionHandler} methods, also for errors raised before the handler is invoked.
 */
@SpringBootTest(classes = BlockingStyleInvocationChainTests.ChainApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.enabled=true", "bridge.timeout=5s", "spring.webflux.problemdetails.enabled=true" })
@AutoConfigureWebTestClient
class BlockingStyleInvocationChainTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private WebTestClient client;

	@Autowired
	private Steps steps;

	@BeforeEach
	void clearSteps() {
		this.steps.clear();
	}

	@Test
	void modelAttributeMethodsAwaitARepositoryOnTheHandlersVirtualThread() {
		Map<String, Object> body = get("/chain/7");
		assertThat(body).containsEntry("owner", "owner of 7").containsEntry("tenantOfScope", "acme");
		String handlerThread = (String) body.get("handlerThread");
		assertThat(handlerThread).startsWith("bridge-request-");
		assertThat(this.steps.threadsOf("modelAttribute")).containsExactly(handlerThread);
		assertThat(this.steps.threadsOf("advisedModelAttribute")).containsExactly(handlerThread);
	}

	@Test
	void reactiveModelAttributeMethodsKeepWorkingAndTheHandlerStillRunsOnItsVirtualThread() {
		Map<String, Object> body = get("/chain/7/reactive");
		assertThat(body).containsEntry("reactiveAttribute", "reactive 7").containsEntry("awaited", "in scope");
		assertThat((String) body.get("handlerThread")).startsWith("bridge-request-");
		assertThat(this.steps.threadsOf("modelAttribute")).containsExactly((String) body.get("handlerThread"));
	}

	@Test
	void initBinderMethodsRunOnTheHandlersVirtualThread() {
		Map<String, Object> body = get("/chain/7?quantity=3");
		assertThat(body).containsEntry("quantity", 3);
		assertThat(this.steps.threadsOf("initBinder")).isNotEmpty().containsOnly((String) body.get("handlerThread"));
	}

	@Test
	void initBinderOfAValidatedRequestBodyRunsOnTheHandlersVirtualThread() {
		Map<String, Object> body = this.client.post().uri("/chain/items").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"pizza\"}").exchange().expectStatus().isOk().expectBody(JSON_MAP).returnResult()
			.getResponseBody();
		assertThat(body).containsEntry("name", "pizza");
		assertThat(this.steps.threadsOf("initBinder")).isNotEmpty().containsOnly((String) body.get("handlerThread"));
	}

	@Test
	void exceptionHandlerForAnErrorOfTheMethodAwaitsOnItsVirtualThread() {
		Map<String, Object> body = this.client.get().uri("/chain/404").exchange().expectStatus().isNotFound()
			.expectBody(JSON_MAP).returnResult().getResponseBody();
		assertThat(body).containsEntry("awaited", "looked up 404");
		assertThat(this.steps.threadsOf("exceptionHandler")).containsExactlyElementsOf(this.steps.threadsOf("handler"));
		assertThat(this.steps.threadsOf("handler")).singleElement().asString().startsWith("bridge-request-");
	}

	@Test
	void adviceExceptionHandlerForAnArgumentResolutionErrorAwaitsOnAVirtualThread() {
		Map<String, Object> body = this.client.get().uri("/chain/7?quantity=many").exchange().expectStatus()
			.isBadRequest().expectBody(JSON_MAP).returnResult().getResponseBody();
		assertThat(body).containsEntry("awaited", "input error").containsEntry("virtual", true);
		assertThat(this.steps.threadsOf("handler")).isEmpty();
		assertThat(this.steps.threadsOf("inputErrorHandler")).singleElement().asString().startsWith("bridge-request-")
			.isEqualTo(this.steps.threadsOf("modelAttribute").get(0));
	}

	@Test
	void exceptionHandlerForAValidationErrorAwaitsOnAVirtualThread() {
		Map<String, Object> body = this.client.post().uri("/chain/items").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"\"}").exchange().expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody(JSON_MAP).returnResult().getResponseBody();
		assertThat(body).containsEntry("awaited", "invalid name").containsEntry("virtual", true);
		assertThat(this.steps.threadsOf("handler")).isEmpty();
		assertThat(this.steps.threadsOf("bindErrorHandler")).singleElement().asString().startsWith("bridge-request-");
	}

	private Map<String, Object> get(String path) {
		Map<String, Object> body = this.client.get().uri(path).header("X-Tenant", "acme").exchange().expectStatus().isOk()
			.expectBody(JSON_MAP).returnResult().getResponseBody();
		assertThat(body).isNotNull();
		return body;
	}

	/** Records on which thread each step ran. */
	static class Steps {

		private final List<String[]> recorded = new CopyOnWriteArrayList<>();

		void record(String step) {
			this.recorded.add(new String[] { step, Thread.currentThread().getName() });
		}

		List<String> threadsOf(String step) {
			return this.recorded.stream().filter((entry) -> entry[0].equals(step)).map((entry) -> entry[1]).toList();
		}

		void clear() {
			this.recorded.clear();
		}

	}

	/**
	 * A blocking repository: each call awaits a value that a timer thread produces, which fails at
	 * once on an event loop.
	 */
	static class OwnerRepository {

		String findOwner(String id) {
			return Bridge.await(Mono.delay(Duration.ofMillis(5)).thenReturn("owner of " + id));
		}

	}

	record Item(@NotBlank String name) {
	}

	static class LookupFailedException extends RuntimeException {

		LookupFailedException(String id) {
			super("Nothing under " + id);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ChainController.class, ChainAdvice.class })
	static class ChainApplication {

		@Bean
		Steps steps() {
			return new Steps();
		}

		@Bean
		OwnerRepository ownerRepository() {
			return new OwnerRepository();
		}

		@Bean
		org.springframework.web.server.WebFilter tenantFilter() {
			return (exchange, chain) -> {
				String tenant = exchange.getRequest().getHeaders().getFirst("X-Tenant");
				return chain.filter(exchange).contextWrite((context) -> (tenant != null) ? context.put("tenant", tenant) : context);
			};
		}

	}

	@RestController
	@BlockingStyle
	@RequestMapping("/chain")
	static class ChainController {

		private final Steps steps;

		private final OwnerRepository owners;

		ChainController(Steps steps, OwnerRepository owners) {
			this.steps = steps;
			this.owners = owners;
		}

		@InitBinder
		void initBinder(WebDataBinder binder) {
			this.steps.record("initBinder");
		}

		@ModelAttribute("owner")
		String owner(@PathVariable(required = false) String id) {
			this.steps.record("modelAttribute");
			return (id != null) ? this.owners.findOwner(id) : "nobody";
		}

		@ModelAttribute("reactiveAttribute")
		Mono<String> reactiveAttribute(@PathVariable(required = false) String id) {
			return Mono.delay(Duration.ofMillis(5)).thenReturn("reactive " + id);
		}

		@GetMapping("/{id}/reactive")
		Map<String, Object> reactive(@ModelAttribute("reactiveAttribute") String reactiveAttribute) {
			return Map.of("reactiveAttribute", reactiveAttribute, "handlerThread", Thread.currentThread().getName(),
					"awaited", Bridge.await(Mono.just("in scope")));
		}

		@GetMapping("/{id}")
		Map<String, Object> find(@PathVariable String id, @RequestParam(defaultValue = "1") int quantity,
				@ModelAttribute("owner") String owner) {
			this.steps.record("handler");
			if (id.equals("404")) {
				throw new LookupFailedException(id);
			}
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("owner", owner);
			body.put("quantity", quantity);
			body.put("tenantOfScope", Bridge.context().getOrDefault("tenant", "none"));
			body.put("handlerThread", Thread.currentThread().getName());
			return body;
		}

		@PostMapping("/items")
		Map<String, Object> create(@Valid @RequestBody Item item) {
			this.steps.record("handler");
			return Map.of("name", item.name(), "handlerThread", Thread.currentThread().getName());
		}

		@ExceptionHandler
		ResponseEntity<Map<String, Object>> lookupFailed(LookupFailedException ex) {
			this.steps.record("exceptionHandler");
			String awaited = Bridge.await(Mono.delay(Duration.ofMillis(5)).thenReturn("looked up 404"));
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("awaited", awaited));
		}

		@ExceptionHandler
		ResponseEntity<Map<String, Object>> bindError(WebExchangeBindException ex) {
			this.steps.record("bindErrorHandler");
			String awaited = Bridge.await(Mono.delay(Duration.ofMillis(5))
				.thenReturn("invalid " + ex.getFieldErrors().get(0).getField()));
			return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
				.body(Map.of("awaited", awaited, "virtual", Thread.currentThread().isVirtual()));
		}

	}

	@RestControllerAdvice(assignableTypes = ChainController.class)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	static class ChainAdvice {

		private final Steps steps;

		private final OwnerRepository owners;

		ChainAdvice(Steps steps, OwnerRepository owners) {
			this.steps = steps;
			this.owners = owners;
		}

		@ModelAttribute("advisedOwner")
		String advisedOwner() {
			this.steps.record("advisedModelAttribute");
			return this.owners.findOwner("advice");
		}

		@ExceptionHandler
		ResponseEntity<Map<String, Object>> inputError(ServerWebInputException ex) {
			this.steps.record("inputErrorHandler");
			String awaited = Bridge.await(Mono.delay(Duration.ofMillis(5)).thenReturn("input error"));
			return ResponseEntity.badRequest()
				.body(Map.of("awaited", awaited, "virtual", Thread.currentThread().isVirtual()));
		}

	}

}
