package io.blockingbridge.sample.courier;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The courier service, part of the sample so that it runs alone, like the kitchen.
 * {@code POST /courier/quotes} takes {@code courier.delay} to answer, answers
 * {@code courier.failure-rate} of the requests with {@code 503} (no courier free), and the others
 * with {@code 200 {"mins": N}}, N being {@code courier.minutes}, the minutes until a courier picks
 * the order up. A quote changes nothing, so it needs no credential (and costs no password check).
 * Not a blocking-style controller, like the kitchen: it stands in for another service.
 */
@RestController
class CourierController {

	private final CourierProperties properties;

	CourierController(CourierProperties properties) {
		this.properties = properties;
	}

	@PostMapping("/courier/quotes")
	Mono<ResponseEntity<?>> quote(@Valid @RequestBody CourierQuote quote) {
		boolean free = ThreadLocalRandom.current().nextDouble() >= this.properties.failureRate();
		// A timer, cancelled if the caller gives up.
		return Mono.delay(this.properties.delay()).map((tick) -> free ? ResponseEntity.ok(Map.of("mins", this.properties.minutes()))
				: noCourier(quote));
	}

	private static ResponseEntity<?> noCourier(CourierQuote quote) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"No courier is free to deliver order #" + quote.orderId() + ".");
		problem.setTitle("No courier free");
		return ResponseEntity.of(problem).build();
	}

}
