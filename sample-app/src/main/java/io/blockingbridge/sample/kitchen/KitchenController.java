package io.blockingbridge.sample.kitchen;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.blockingbridge.web.BlockingStyle;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The kitchen service, part of the sample so that it runs alone: {@code POST /kitchen/orders}
 * takes {@code kitchen.delay} to answer, refuses {@code kitchen.failure-rate} of the orders with
 * {@code 503}, and accepts the others with {@code 201 {"mins": N}}, N being 15 minutes plus 5 per
 * item.
 */
@RestController
@BlockingStyle
class KitchenController {

	private final KitchenProperties properties;

	KitchenController(KitchenProperties properties) {
		this.properties = properties;
	}

	@PostMapping("/kitchen/orders")
	ResponseEntity<?> cook(@Valid @RequestBody KitchenOrder order) throws InterruptedException {
		// A virtual thread: sleeping parks it without holding a platform thread. If the caller gives
		// up (a timeout), the bridge interrupts it and the sleep ends at once.
		Thread.sleep(this.properties.delay());
		if (ThreadLocalRandom.current().nextDouble() < this.properties.failureRate()) {
			ProblemDetail busy = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"The kitchen cannot take order #" + order.orderId() + " right now.");
			busy.setTitle("Kitchen too busy");
			return ResponseEntity.of(busy).build();
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("mins", 15 + 5 * order.items().size()));
	}

}
