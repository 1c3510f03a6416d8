package io.blockingbridge.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.blockingbridge.core.Bridge;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.SessionAttributes;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;
import org.springframework.web.server.session.WebSessionStore;

/**
 * A blocking-style controller with {@code @SessionAttributes}, {@code @ModelAttribute} and
 * {@code @InitBinder} methods, in an application whose session store answers later, on Reactor's
 * {@code parallel} scheduler (where blocking is refused), as a remote store would on its client's
 * threads.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class SessionAttributesTestApplication {

	@Bean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
	WebSessionManager webSessionManager() {
		DefaultWebSessionManager manager = new DefaultWebSessionManager();
		manager.setSessionStore(new LaterSessionStore(new InMemoryWebSessionStore()));
		return manager;
	}

	/** Registered as a member class of the application. */
	@RestController
	@BlockingStyle
	@SessionAttributes("visits")
	static class VisitController {

		/** Which thread ran each step of the last request, by step. */
		static final Map<String, Thread> threads = new ConcurrentHashMap<>();

		@InitBinder
		void initBinder(WebDataBinder binder) {
			threads.put("initBinder", Thread.currentThread());
		}

		@ModelAttribute("greeting")
		String greeting(@RequestParam("n") int n) {
			threads.put("modelAttribute", Thread.currentThread());
			// Blocking, as a look-up in a database would: refused on a thread that must not block.
			return Bridge.await(Mono.delay(Duration.ofMillis(5)).thenReturn("hello #" + n));
		}

		@GetMapping("/visit")
		String visit(@ModelAttribute("greeting") String greeting) {
			threads.put("handler", Thread.currentThread());
			return greeting;
		}

	}

	/** Completes every operation of the given store a little later, on the {@code parallel} scheduler. */
	static final class LaterSessionStore implements WebSessionStore {

		private final WebSessionStore delegate;

		LaterSessionStore(WebSessionStore delegate) {
			this.delegate = delegate;
		}

		private static <T> Mono<T> later(Mono<T> mono) {
			return mono.delayUntil((value) -> Mono.delay(Duration.ofMillis(5), Schedulers.parallel()))
				.publishOn(Schedulers.parallel());
		}

		@Override
		public Mono<WebSession> createWebSession() {
			return later(this.delegate.createWebSession());
		}

		@Override
		public Mono<WebSession> retrieveSession(String sessionId) {
			return later(this.delegate.retrieveSession(sessionId));
		}

		@Override
		public Mono<Void> removeSession(String sessionId) {
			return this.delegate.removeSession(sessionId);
		}

		@Override
		public Mono<WebSession> updateLastAccessTime(WebSession webSession) {
			return later(this.delegate.updateLastAccessTime(webSession));
		}

	}

}
