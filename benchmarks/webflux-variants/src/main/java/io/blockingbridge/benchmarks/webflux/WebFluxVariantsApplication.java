package io.blockingbridge.benchmarks.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The WebFlux benchmark variants, one per profile: {@code A} hand-written reactive, {@code B} Blocking
 * Bridge, {@code C} stock Spring Boot virtual threads calling {@code block()}, and {@code kitchen},
 * the stub the others call.
 */
@SpringBootApplication
public class WebFluxVariantsApplication {

	/**
	 * Start one variant.
	 * @param args command line arguments, among them {@code --spring.profiles.active=A|B|C|kitchen}
	 */
	public static void main(String[] args) {
		SpringApplication.run(WebFluxVariantsApplication.class, args);
	}

}
