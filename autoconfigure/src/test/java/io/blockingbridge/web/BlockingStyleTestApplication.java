package io.blockingbridge.web;

import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.blockingbridge.core.Bridge;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

/**
 * A WebFlux application with blocking-style controllers and handler functions, for the web tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ BlockingStyleTestApplication.OrdersController.class, BlockingStyleTestApplication.ProbeController.class,
		BlockingStyleTestApplication.ReactiveController.class, BlockingStyleTestApplication.Advice.class })
class BlockingStyleTestApplication {

	/** A ThreadLocal that context-propagation restores from the Reactor Context key "tenant". */
	static final ThreadLocal<@Nullable String> TENANT = new ThreadLocal<>();

	static {
		ContextRegistry.getInstance().registerThreadLocalAccessor(new ThreadLocalAccessor<String>() {

			@Override
			public Object key() {
				return "tenant";
			}

			@Override
			public @Nullable String getValue() {
				return TENANT.get();
			}

			@Override
			public void setValue(String value) {
				TENANT.set(value);
			}

			@Override
			public void setValue() {
				TENANT.remove();
			}

		});
	}

	/** Writes the X-Tenant header and a principal into the request's Reactor Context. */
	@Bean
	WebFilter tenantFilter() {
		return (exchange, chain) -> {
			String tenant = exchange.getRequest().getHeaders().getFirst("X-Tenant");
			ServerWebExchange withPrincipal = exchange.mutate().principal(Mono.just((Principal) () -> "alice")).build();
			return chain.filter(withPrincipal).contextWrite((context) -> (tenant != null) ? context.put("tenant", tenant) : context);
		};
	}

	@Bean
	Probe probe() {
		return new Probe();
	}

	@Bean
	RouterFunction<ServerResponse> blockingRoutes(Probe probe) {
		return RouterFunctions.route()
			.GET("/functional/thread", BlockingHandlers.of((request) -> ServerResponse.ok()
				.bodyValue(Map.of("virtual", Thread.currentThread().isVirtual(), "tenant",
						Bridge.await(Mono.deferContextual((context) -> Mono.just(context.<String>getOrDefault("tenant", "none"))))))))
			.GET("/functional/hang", BlockingHandlers.of((request) -> {
				probe.awaitNever();
				return ServerResponse.ok().bodyValue("unreachable");
			}))
			.build();
	}

	/** Records what a hanging request did, for the disconnect tests. */
	static class Probe {

		volatile CountDownLatch started = new CountDownLatch(1);

		volatile CountDownLatch cancelled = new CountDownLatch(1);

		volatile CountDownLatch ended = new CountDownLatch(1);

		final AtomicBoolean ranOn = new AtomicBoolean();

		final AtomicReference<@Nullable Throwable> thrown = new AtomicReference<>();

		void reset() {
			this.started = new CountDownLatch(1);
			this.cancelled = new CountDownLatch(1);
			this.ended = new CountDownLatch(1);
			this.ranOn.set(false);
			this.thrown.set(null);
		}

		void awaitNever() {
			try {
				Bridge.await(Mono.never().doOnSubscribe((s) -> this.started.countDown()).doOnCancel(this.cancelled::countDown),
						Duration.ofSeconds(60));
				this.ranOn.set(true);
			}
			catch (RuntimeException ex) {
				this.thrown.set(ex);
				throw ex;
			}
			finally {
				this.ended.countDown();
			}
		}

	}

	record Order(@NotBlank String customer, @Min(1) int quantity) {
	}

	/** A blocking-style controller annotated on the class. */
	@RestController
	@BlockingStyle
	@RequestMapping("/orders")
	static class OrdersController {

		@PostMapping
		ResponseEntity<Order> create(@Valid @RequestBody Order order) {
			return ResponseEntity.status(HttpStatus.CREATED).header("X-Virtual", String.valueOf(Thread.currentThread().isVirtual())).body(order);
		}

		@GetMapping("/{id}")
		Order find(@PathVariable long id, @RequestParam(defaultValue = "1") int quantity) {
			if (id == 404) {
				throw new OrderNotFoundException(id);
			}
			if (id == 400) {
				throw new IllegalArgumentException("Order id 400 is reserved");
			}
			return Bridge.await(Mono.delay(Duration.ofMillis(5)).thenReturn(new Order("customer-" + id, quantity)));
		}

		@PostMapping("/{id}/cancel")
		@ResponseStatus(HttpStatus.ACCEPTED)
		void cancel(@PathVariable long id) {
		}

		@GetMapping(path = "/problem")
		ProblemDetail problem() {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Order is locked");
			problem.setTitle("Locked");
			return problem;
		}

		@ExceptionHandler(OrderNotFoundException.class)
		ResponseEntity<ProblemDetail> notFound(OrderNotFoundException ex) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage()));
		}

	}

	static class OrderNotFoundException extends RuntimeException {

		OrderNotFoundException(long id) {
			super("No order " + id);
		}

	}

	/** Blocking-style methods annotated one by one, probing what the method sees. */
	@RestController
	@RequestMapping("/probe")
	static class ProbeController {

		private final Probe probe;

		ProbeController(Probe probe) {
			this.probe = probe;
		}

		@BlockingStyle
		@GetMapping("/thread")
		Map<String, Object> thread() {
			return Map.of("virtual", Thread.currentThread().isVirtual(), "name", Thread.currentThread().getName());
		}

		@BlockingStyle
		@GetMapping("/context")
		Map<String, String> context() {
			String viaAwait = Bridge.await(Mono.deferContextual((context) -> Mono.just(context.<String>getOrDefault("tenant", "none"))));
			return Map.of("scope", Bridge.context().<String>getOrDefault("tenant", "none"), "await", viaAwait, "threadLocal",
					String.valueOf(TENANT.get()));
		}

		@BlockingStyle
		@GetMapping("/arguments/{id}")
		Map<String, Object> arguments(@PathVariable String id, @RequestParam String q, @RequestHeader("X-Trace") String trace,
				@CookieValue("session") String session, ServerWebExchange exchange, ServerHttpRequest request,
				Principal principal) {
			return Map.of("id", id, "q", q, "trace", trace, "session", session, "exchangePath",
					exchange.getRequest().getPath().value(), "requestMethod", request.getMethod().name(), "principal",
					principal.getName());
		}

		@BlockingStyle
		@GetMapping(path = "/text", produces = MediaType.TEXT_PLAIN_VALUE)
		String text() {
			return "plain " + Thread.currentThread().isVirtual();
		}

		@BlockingStyle
		@GetMapping("/hang")
		String hang() {
			this.probe.awaitNever();
			return "unreachable";
		}

		@BlockingStyle
		@GetMapping("/timeout")
		String timeout() {
			return Bridge.await(Mono.never());
		}

		@BlockingStyle
		@GetMapping("/unwrapped")
		String unwrapped() {
			return Bridge.await(Mono.error(new IllegalArgumentException("Quantity must be positive")));
		}

		@GetMapping("/unannotated")
		Map<String, Object> unannotated() {
			return Map.of("virtual", Thread.currentThread().isVirtual());
		}

	}

	/** A reactive controller in the same application, which must stay on the event loop. */
	@RestController
	static class ReactiveController {

		@GetMapping("/reactive/await")
		Mono<Map<String, Object>> awaitOnEventLoop() {
			return Mono.fromCallable(() -> {
				long start = System.nanoTime();
				try {
					Bridge.await(Mono.never());
					return Map.of("outcome", "returned");
				}
				catch (RuntimeException ex) {
					return Map.of("outcome", ex.getClass().getSimpleName(), "message", String.valueOf(ex.getMessage()),
							"thread", Thread.currentThread().getName(), "micros", (System.nanoTime() - start) / 1000);
				}
			});
		}

	}

	/** Application-wide exception handling. */
	@RestControllerAdvice
	static class Advice {

		@ExceptionHandler(IllegalArgumentException.class)
		ProblemDetail badArgument(IllegalArgumentException ex) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
			problem.setProperty("suppressed", ex.getSuppressed().length);
			problem.setProperty("handlerThreadVirtual", Thread.currentThread().isVirtual());
			return problem;
		}

	}


}
