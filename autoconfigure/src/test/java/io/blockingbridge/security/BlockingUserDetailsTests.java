package io.blockingbridge.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A blocking {@code UserDetailsService} behind Spring Security WebFlux's HTTP Basic, on a running
 * server: its look-ups and password updates run on a virtual thread, in a bridge scope with the
 * login request's Reactor Context, and may block there.
 */
@SpringBootTest(classes = UserDetailsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bridge.enabled=true", "spring.main.web-application-type=reactive" })
@AutoConfigureWebTestClient(timeout = "30s")
@Timeout(60)
class BlockingUserDetailsTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private UserDetailsTestApplication.StoredUsers users;

	@Autowired
	private ReactiveUserDetailsService reactiveUsers;

	@BeforeEach
	void forget() {
		this.users.calls.clear();
	}

	private WebTestClient.ResponseSpec me(String user, String password) {
		return this.client.get()
			.uri("/me")
			.header("X-Tenant", "acme")
			.headers((headers) -> headers.setBasicAuth(user, password))
			.exchange();
	}

	@Test
	void loginLooksTheUserUpOnAVirtualThreadWithTheRequestsContext() {
		me("ada", "secret").expectStatus().isOk().expectBody(String.class).isEqualTo("ada");
		assertThat(this.users.calls).first()
			.isEqualTo(new UserDetailsTestApplication.Call("load ada", true, true, "acme"));
	}

	@Test
	void anOutdatedHashIsStoredAgainThroughTheBlockingPasswordService() {
		me("grace", "secret").expectStatus().isOk();
		assertThat(this.users.calls).contains(new UserDetailsTestApplication.Call("update grace", true, true, "acme"));
		assertThat(this.users.hashes.get("grace")).startsWith("{bcrypt}");
		// The upgraded hash logs in as well, and is not upgraded again.
		this.users.calls.clear();
		me("grace", "secret").expectStatus().isOk();
		assertThat(this.users.calls).extracting(UserDetailsTestApplication.Call::what).containsExactly("load grace");
	}

	@Test
	void wrongPasswordAndUnknownUserAreRefused() {
		me("ada", "wrong").expectStatus().isUnauthorized();
		me("nobody", "secret").expectStatus().isUnauthorized();
		assertThat(this.users.calls).extracting(UserDetailsTestApplication.Call::what)
			.containsExactly("load ada", "load nobody");
	}

	@Test
	void anUnknownUserIsAnEmptyAnswerNotAnError() {
		assertThat(this.reactiveUsers.findByUsername("nobody").blockOptional()).isEmpty();
		assertThat(this.reactiveUsers).isInstanceOf(BlockingUserDetailsServiceAdapter.class);
	}

}
