package io.blockingbridge.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.http.BlockingWebClient;
import io.blockingbridge.web.BlockingHandlers;
import io.blockingbridge.web.BlockingStyle;
import io.blockingbridge.web.BlockingStyleExchange;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.prepost.PostAuthorize;
import org.springframework.security.access.prepost.PostFilter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.access.prepost.PreFilter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.reactive.function.client.ServerBearerExchangeFilterFunction;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A reactive application with HTTP Basic (in-memory users), bearer tokens (a local introspector),
 * reactive method security and blocking-style endpoints that read the request's security.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableWebFluxSecurity
@EnableReactiveMethodSecurity
class SecurityTestApplication {

	static final int USERS = 100;

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.httpBasic((basic) -> {
			})
			.oauth2ResourceServer((server) -> server.opaqueToken((opaque) -> opaque.introspector(introspector())))
			.build();
	}

	/** Token "token-NAME" belongs to NAME. */
	private static ReactiveOpaqueTokenIntrospector introspector() {
		return (token) -> Mono.just(new DefaultOAuth2AuthenticatedPrincipal(token.substring("token-".length()),
				Map.of("sub", token.substring("token-".length())), List.of(new SimpleGrantedAuthority("ROLE_USER"))));
	}

	@Bean
	MapReactiveUserDetailsService users() {
		List<UserDetails> users = new ArrayList<>();
		users.add(User.withUsername("admin").password("{noop}secret").roles("ADMIN", "USER").build());
		users.add(User.withUsername("ada").password("{noop}secret").roles("USER").build());
		for (int i = 0; i < USERS; i++) {
			users.add(User.withUsername("user" + i).password("{noop}secret").roles("USER").build());
		}
		return new MapReactiveUserDetailsService(users);
	}

	@Bean
	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.GET("/fn/me", BlockingHandlers.of((request) -> ServerResponse.ok().bodyValue(currentName())))
			.build();
	}

	@Bean(destroyMethod = "disposeNow")
	DisposableServer peer(HeaderRecorder recorder) {
		return HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/recorded", (request, response) -> {
				String authorization = request.requestHeaders().get("Authorization");
				recorder.headers.add(String.valueOf(authorization));
				return response.sendString(Mono.just("recorded"));
			}))
			.bindNow();
	}

	@Bean
	HeaderRecorder headerRecorder() {
		return new HeaderRecorder();
	}

	@Bean
	BlockingWebClient peerClient(WebClient.Builder webClientBuilder,
			DisposableServer peer) {
		return BlockingWebClient.builder(webClientBuilder.clone()
			.baseUrl("http://127.0.0.1:" + peer.port())
			.filter(new ServerBearerExchangeFilterFunction())).build();
	}

	static String currentName() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null) ? authentication.getName() : "none";
	}

	/** The Authorization headers the peer received. */
	static final class HeaderRecorder {

		final List<String> headers = new CopyOnWriteArrayList<>();

	}

	@Service
	static class GuardedService {

		@PreAuthorize("hasRole('ADMIN')")
		public String adminOnly() {
			return "admin stuff for " + currentName();
		}

		@PostAuthorize("returnObject == authentication.name")
		public String ownedBy(String owner) {
			return owner;
		}

		@Secured("ROLE_ADMIN")
		public String securedAdminOnly() {
			return "secured";
		}

		@PreFilter("filterObject != authentication.name")
		public List<String> others(List<String> names) {
			return names;
		}

		@PostFilter("filterObject.startsWith(authentication.name)")
		public List<String> mine() {
			return new ArrayList<>(List.of("ada-1", "admin-1", "ada-2", "bob-1"));
		}

		@PreAuthorize("hasRole('ADMIN')")
		public Mono<String> reactiveAdminOnly() {
			return Mono.just("reactive admin");
		}

	}

	@RestController
	@BlockingStyle
	static class BlockingController {

		private final GuardedService service;

		private final BlockingWebClient peerClient;

		BlockingController(GuardedService service, BlockingWebClient peerClient) {
			this.service = service;
			this.peerClient = peerClient;
		}

		@GetMapping("/me")
		String me() throws InterruptedException {
			String before = currentName();
			Thread.sleep(20);
			String after = currentName();
			return before.equals(after) ? before : "changed from " + before + " to " + after;
		}

		@GetMapping("/spawned")
		String spawned() {
			return Bridge.await(Bridge.spawn(SecurityTestApplication::currentName));
		}

		@GetMapping("/forked")
		String forked() {
			// each fork on a thread of its own: the holder, and method security, see the request's user
			return String.join(",", Bridge.all(List.of(SecurityTestApplication::currentName,
					SecurityTestApplication::currentName, this.service::adminOnly)));
		}

		@GetMapping("/forked/run-as")
		String forkedRunAs() {
			SecurityContext substitute = SecurityContextHolder.createEmptyContext();
			substitute.setAuthentication(new UsernamePasswordAuthenticationToken("substitute", null, List.of()));
			SecurityContextHolder.setContext(substitute);
			return String.join(",", Bridge.all(List.of(SecurityTestApplication::currentName))) + " for "
					+ currentName();
		}

		@GetMapping("/admin")
		String admin() {
			return this.service.adminOnly();
		}

		@GetMapping("/owned/{owner}")
		String owned(@PathVariable String owner) {
			return this.service.ownedBy(owner);
		}

		@GetMapping("/secured")
		String secured() {
			return this.service.securedAdminOnly();
		}

		@GetMapping("/others")
		List<String> others() {
			return this.service.others(new ArrayList<>(List.of("ada", "admin", "bob")));
		}

		@GetMapping("/mine")
		List<String> mine() {
			return this.service.mine();
		}

		@GetMapping("/locale")
		String locale() {
			return LocaleContextHolder.getLocale().toLanguageTag();
		}

		@GetMapping("/exchange")
		String exchange() {
			return BlockingStyleExchange.current().getRequest().getHeaders().getFirst("X-Probe");
		}

		@GetMapping("/relay")
		String relay() {
			return this.peerClient.get().uri("/recorded").retrieve().body(String.class);
		}

	}

	@RestController
	static class ReactiveController {

		private final GuardedService service;

		ReactiveController(GuardedService service) {
			this.service = service;
		}

		@GetMapping("/reactive/admin")
		Mono<String> admin() {
			return this.service.reactiveAdminOnly();
		}

	}

}
