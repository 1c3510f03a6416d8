package io.blockingbridge.sample;

import java.time.Duration;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.web.BlockingStyle;
import reactor.core.publisher.Mono;

import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A blocking-style endpoint that awaits real HTTP I/O: it calls the sample's own reactive
 * {@code /echo} endpoint through WebClient and waits for the answer on its virtual thread.
 */
@RestController
@BlockingStyle
public class GreetingController {

	private final WebClient.Builder webClientBuilder;

	private final Environment environment;

	GreetingController(WebClient.Builder webClientBuilder, Environment environment) {
		this.webClientBuilder = webClientBuilder;
		this.environment = environment;
	}

	@GetMapping("/hello")
	Greeting hello(@RequestParam(defaultValue = "world") String name) {
		WebClient self = this.webClientBuilder.baseUrl("http://127.0.0.1:" + this.environment.getProperty("local.server.port"))
			.build();
		String echoed = Bridge.await(self.get().uri("/echo?text={text}", name).retrieve().bodyToMono(String.class));
		return new Greeting("Hello, " + echoed + "!", Thread.currentThread().isVirtual());
	}

	@GetMapping("/echo")
	@BlockingStyle
	String echo(@RequestParam String text) {
		Bridge.await(Mono.delay(Duration.ofMillis(10)));
		return text;
	}

	/**
	 * The greeting.
	 * @param message the text
	 * @param virtualThread whether the handler ran on a virtual thread
	 */
	public record Greeting(String message, boolean virtualThread) {
	}

}
