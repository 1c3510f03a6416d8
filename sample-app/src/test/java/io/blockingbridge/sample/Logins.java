package io.blockingbridge.sample;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The sample's users as the tests log in: the seeded customers {@code ada}, {@code grace} and
 * {@code alan}, {@code admin}, and {@code kitchen}, each with the password {@code NAME-password}
 * (as documented; the kitchen's is {@code kitchen.password}'s default).
 */
final class Logins {

	private Logins() {
	}

	static String password(String user) {
		return user + "-password";
	}

	/** The client, sending the user's credentials with every request (HTTP Basic). */
	static WebTestClient as(WebTestClient client, String user) {
		return client.mutate().defaultHeaders((headers) -> headers.setBasicAuth(user, password(user))).build();
	}

	/** The value of the {@code Authorization} header that logs the user in. */
	static String authorization(String user) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((user + ":" + password(user)).getBytes(StandardCharsets.UTF_8));
	}

}
