package io.blockingbridge.sample;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing on the running sample: after a few failures per user name or per client
 * address, logins are answered {@code 429} with {@code Retry-After} before any password hash is
 * checked (a counting {@link PasswordEncoder} proves it), while other users from other addresses
 * still log in; unknown users cost a hash check like known ones; the kitchen's internal credential
 * costs none. Once locked out, an address is answered before Spring Security's filter chain runs, and
 * its connection is closed. Clients appear from different addresses by binding to {@code 127.0.0.x}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// The login memory is off: these tests count password hash checks, which a remembered login skips.
		properties = { "sample.security.login-memory=0s", "sample.security.login-limits.failures-per-user=3",
				"sample.security.login-limits.failures-per-address=5", "kitchen.delay=0s" })
@Import(LoginLimitTests.CountingEncoderConfiguration.class)
class LoginLimitTests {

	@Autowired
	CountingPasswordEncoder encoder;

	@Autowired
	ChainEntries chainEntries;

	@LocalServerPort
	int port;

	@Test
	void tooManyFailuresForAUserAreRefusedBeforeThePasswordIsChecked() {
		for (int i = 0; i < 3; i++) {
			assertThat(get("127.0.0.2", "ada", "guess-" + i).status()).isEqualTo(401);
		}
		int checks = this.encoder.checks();
		RawHttp.Response refused = get("127.0.0.2", "ada", "guess-3");
		assertTooMany(refused);
		// The right password does not help while the name is refused, from anywhere...
		assertTooMany(get("127.0.0.3", "ada", Logins.password("ada")));
		assertThat(this.encoder.checks()).isEqualTo(checks);
		// ...but another user logs in, from another address.
		assertThat(get("127.0.0.3", "grace", Logins.password("grace")).status()).isEqualTo(200);
	}

	@Test
	void tooManyFailuresFromAnAddressAreRefusedForEveryUser() {
		for (int i = 0; i < 5; i++) {
			assertThat(get("127.0.0.4", "guessed-" + i, "guess").status()).isEqualTo(401);
		}
		int checks = this.encoder.checks();
		assertTooMany(get("127.0.0.4", "alan", Logins.password("alan")));
		assertThat(this.encoder.checks()).isEqualTo(checks);
		assertThat(get("127.0.0.5", "alan", Logins.password("alan")).status()).isEqualTo(200);
	}

	@Test
	void guessesAtOnceCannotAllPassBeforeTheFirstFails() throws Exception {
		assertThat(get("127.0.0.8", "many-at-once", "guess-0").status()).isEqualTo(401);
		int checks = this.encoder.checks();
		List<Callable<Integer>> guesses = new ArrayList<>();
		for (int i = 1; i <= 20; i++) {
			String password = "guess-" + i;
			guesses.add(() -> get("127.0.0.8", "many-at-once", password).status());
		}
		ExecutorService pool = Executors.newFixedThreadPool(20);
		try {
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> status : pool.invokeAll(guesses)) {
				statuses.add(status.get());
			}
			// Two more failures were allowed (failures-per-user=3): the other 18 never reached the hash.
			assertThat(statuses).containsOnly(401, 429).filteredOn((status) -> status == 401).hasSize(2);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.encoder.checks()).isEqualTo(checks + 2);
	}

	@Test
	void unknownUsersCostAPasswordCheckLikeKnownOnes() {
		int checks = this.encoder.checks();
		assertThat(get("127.0.0.6", "nobody-at-all", "guess").status()).isEqualTo(401);
		assertThat(this.encoder.checks()).isEqualTo(checks + 1);
		assertThat(get("127.0.0.6", "ada\0", "guess").status()).isEqualTo(401);
		assertThat(this.encoder.checks()).isEqualTo(checks + 2);
		assertThat(get("127.0.0.6", "grace", "guess").status()).isEqualTo(401);
		assertThat(this.encoder.checks()).isEqualTo(checks + 3);
	}

	@Test
	void theKitchensCredentialIsCheckedWithoutAPasswordHash() {
		int checks = this.encoder.checks();
		assertThat(get("127.0.0.7", "kitchen", Logins.password("kitchen"), "/kitchen/orders/999999999").status())
			.isEqualTo(200);
		assertThat(get("127.0.0.7", "kitchen", "wrong", "/kitchen/orders/999999999").status()).isEqualTo(401);
		assertThat(this.encoder.checks()).isEqualTo(checks);
		// An order: one check for grace's login, none for the order's own call to the kitchen.
		String json = "{\"items\": [\"pie\"]}";
		try (RawHttp connection = RawHttp.connectFrom("127.0.0.7", this.port)) {
			RawHttp.Response created = connection.send("POST /orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
					+ Logins.authorization("grace") + "\r\nContent-Type: application/json\r\nContent-Length: "
					+ json.length() + "\r\n\r\n" + json)
				.response();
			assertThat(created.status()).isEqualTo(201);
		}
		assertThat(this.encoder.checks()).isEqualTo(checks + 1);
	}

	@Test
	@Timeout(60)
	void lockedOutLoginsAreAnsweredBeforeTheSecurityFilterChainAndDisconnected() {
		for (int i = 0; i < 5; i++) {
			assertThat(get("127.0.0.9", "locked-" + i, "guess").status()).isEqualTo(401);
		}
		int reachedChain = this.chainEntries.from("127.0.0.9");
		int checks = this.encoder.checks();
		// Locked out: answered 429 before Spring Security's filter chain, and the connection is closed
		// (a keep-alive client must connect again for every further guess)...
		try (RawHttp connection = RawHttp.connectFrom("127.0.0.9", this.port)) {
			RawHttp.Response refused = connection.send("GET /orders?size=1 HTTP/1.1\r\nHost: localhost\r\n"
					+ "Authorization: " + basic("ada", "guess") + "\r\n\r\n").response();
			assertTooMany(refused);
			assertThat(refused.header("Connection")).isEqualTo("close");
			assertThat(connection.receivedUntilClosed(Duration.ofSeconds(10))).isEmpty();
		}
		// ...the right password too, as the limit says...
		assertTooMany(get("127.0.0.9", "alan", Logins.password("alan")));
		assertThat(this.chainEntries.from("127.0.0.9")).isEqualTo(reachedChain);
		assertThat(this.encoder.checks()).isEqualTo(checks);
		// ...but the kitchen's own credential is never refused, and anonymous requests go on.
		assertThat(get("127.0.0.9", "kitchen", Logins.password("kitchen"), "/kitchen/orders/999999999").status())
			.isEqualTo(200);
		try (RawHttp connection = RawHttp.connectFrom("127.0.0.9", this.port)) {
			assertThat(connection.send("GET /customers HTTP/1.1\r\nHost: localhost\r\n\r\n").response().status())
				.isEqualTo(200);
		}
	}

	private static void assertTooMany(RawHttp.Response response) {
		assertThat(response.status()).isEqualTo(429);
		assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.header("WWW-Authenticate")).isNull();
		assertThat(response.body()).contains("\"title\":\"Too many failed logins\"");
	}

	private RawHttp.Response get(String from, String user, String password) {
		return get(from, user, password, "/orders?size=1");
	}

	private RawHttp.Response get(String from, String user, String password, String path) {
		try (RawHttp connection = RawHttp.connectFrom(from, this.port)) {
			return connection
				.send(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + basic(user, password)
						+ "\r\n\r\n"))
				.response();
		}
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** Spring Security's default encoder, counting its password checks. */
	static final class CountingPasswordEncoder implements PasswordEncoder {

		private final PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();

		private final AtomicInteger checks = new AtomicInteger();

		@Override
		public String encode(CharSequence rawPassword) {
			return this.delegate.encode(rawPassword);
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			this.checks.incrementAndGet();
			return this.delegate.matches(rawPassword, encodedPassword);
		}

		int checks() {
			return this.checks.get();
		}

	}

	/** Counts the requests that reach Spring Security's filter chain, per client address. */
	static final class ChainEntries implements WebFilter, Ordered {

		private final Map<String, AtomicInteger> entries = new ConcurrentHashMap<>();

		@Override
		public int getOrder() {
			// just before Spring Security's WebFilterChainProxy (-100,
			// WebFluxSecurityConfiguration.WEB_FILTER_CHAIN_FILTER_ORDER)
			return -101;
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
			if (remote != null) {
				this.entries.computeIfAbsent(remote.getAddress().getHostAddress(), (key) -> new AtomicInteger())
					.incrementAndGet();
			}
			return chain.filter(exchange);
		}

		int from(String address) {
			AtomicInteger count = this.entries.get(address);
			return (count != null) ? count.get() : 0;
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class CountingEncoderConfiguration {

		@Bean
		@Primary
		CountingPasswordEncoder countingPasswordEncoder() {
			return new CountingPasswordEncoder();
		}

		@Bean
		ChainEntries chainEntries() {
			return new ChainEntries();
		}

	}

}
