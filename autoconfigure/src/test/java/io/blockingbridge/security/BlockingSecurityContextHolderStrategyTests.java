package io.blockingbridge.security;

import java.time.Duration;
import java.util.List;

import io.blockingbridge.core.BridgeScope;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.context.SecurityContextImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BlockingSecurityContextHolderStrategy} through its public API: {@code install()} around an
 * application's own strategy, and the requests {@code webFilter()} marks.
 */
class BlockingSecurityContextHolderStrategyTests {

	@Test
	void installAfterAnApplicationsOwnStrategyWrapsIt() {
		SecurityContextHolderStrategy original = SecurityContextHolder.getContextHolderStrategy();
		try {
			SecurityContextHolderStrategy own = new FixedStrategy(token("app"));
			SecurityContextHolder.setContextHolderStrategy(own);
			BlockingSecurityContextHolderStrategy installed = BlockingSecurityContextHolderStrategy.install();
			assertThat(SecurityContextHolder.getContextHolderStrategy()).isSameAs(installed);
			assertThat(BlockingSecurityContextHolderStrategy.install()).isSameAs(installed);
			assertThat(currentName()).isEqualTo("app");
			try (BridgeScope scope = BridgeScope.open(markedContext(token("ada")))) {
				assertThat(currentName()).isEqualTo("ada");
			}
			assertThat(currentName()).isEqualTo("app");
		}
		finally {
			SecurityContextHolder.setContextHolderStrategy(original);
		}
	}

	@Test
	void requestsTheWebFilterDidNotMarkUseTheWrappedStrategy() {
		BlockingSecurityContextHolderStrategy strategy = new BlockingSecurityContextHolderStrategy(
				new FixedStrategy(token("app")));
		ContextView unmarked = ReactiveSecurityContextHolder.withAuthentication(token("ada"))
			.readOnly();
		try (BridgeScope scope = BridgeScope.open(unmarked)) {
			assertThat(strategy.getContext().getAuthentication().getName()).isEqualTo("app");
		}
	}

	private static String currentName() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null) ? authentication.getName() : "none";
	}

	private static UsernamePasswordAuthenticationToken token(String name) {
		return new UsernamePasswordAuthenticationToken(name, "n/a", List.of());
	}

	/** The Reactor Context a request has after Spring Security and the bridge's web filter. */
	private static ContextView markedContext(Authentication authentication) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
		ContextView[] seen = new ContextView[1];
		BlockingSecurityContextHolderStrategy.webFilter()
			.filter(exchange, (ignored) -> Mono.deferContextual((context) -> {
				seen[0] = context;
				return Mono.empty();
			}))
			.contextWrite(ReactiveSecurityContextHolder.withAuthentication(authentication))
			.block(Duration.ofSeconds(5));
		assertThat(seen[0]).isNotNull();
		return seen[0];
	}

	/** An application's own strategy: always the same context. */
	private static final class FixedStrategy implements SecurityContextHolderStrategy {

		private final SecurityContext context;

		FixedStrategy(Authentication authentication) {
			this.context = new SecurityContextImpl(authentication);
		}

		@Override
		public void clearContext() {
		}

		@Override
		public SecurityContext getContext() {
			return this.context;
		}

		@Override
		public void setContext(SecurityContext context) {
		}

		@Override
		public SecurityContext createEmptyContext() {
			return new SecurityContextImpl();
		}

	}

}
