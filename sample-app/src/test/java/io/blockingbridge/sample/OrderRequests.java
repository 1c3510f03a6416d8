package io.blockingbridge.sample;

import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders placed through the HTTP API, as the kitchen failure tests place them.
 */
final class OrderRequests {

	private static final ParameterizedTypeReference<Map<String, Object>> PROBLEM = new ParameterizedTypeReference<>() {
	};

	private OrderRequests() {
	}

	/**
	 * Place an order the kitchen does not accept and check the answer is a {@code 502} problem detail.
	 * @param client the client of the sample
	 * @param customer who orders
	 * @param item the one item ordered
	 * @return the problem detail's fields
	 */
	static Map<String, Object> placeRejectedOrder(WebTestClient client, String customer, String item) {
		Map<String, Object> problem = Logins.as(client, customer).post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("customer", customer, "items", List.of(item)))
			.exchange()
			.expectStatus().isEqualTo(502)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(PROBLEM)
			.returnResult()
			.getResponseBody();
		assertThat(problem).isNotNull().containsKey("orderId");
		return problem;
	}

	/**
	 * Return the id of the order a problem detail is about.
	 * @param problem the problem detail's fields
	 * @return the order's id
	 */
	static long orderId(Map<String, Object> problem) {
		return ((Number) problem.get("orderId")).longValue();
	}

}
