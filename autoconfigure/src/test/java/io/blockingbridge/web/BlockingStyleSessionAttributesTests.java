package io.blockingbridge.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @ModelAttribute} and {@code @InitBinder} methods of a blocking-style controller with
 * {@code @SessionAttributes} run on the request's virtual thread, and may block there, also when the
 * session store answers later on another thread (a real server; see
 * {@link SessionAttributesTestApplication}).
 */
@SpringBootTest(classes = SessionAttributesTestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bridge.enabled=true")
@AutoConfigureWebTestClient(timeout = "30s")
@Timeout(60)
class BlockingStyleSessionAttributesTests {

	@Autowired
	private WebTestClient client;

	@Test
	void modelAttributeAndInitBinderMethodsRunOnTheRequestsVirtualThread() {
		SessionAttributesTestApplication.VisitController.threads.clear();
		this.client.get().uri("/visit?n=7").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("hello #7");
		var threads = SessionAttributesTestApplication.VisitController.threads;
		assertThat(threads).containsOnlyKeys("initBinder", "modelAttribute", "handler");
		Thread handler = threads.get("handler");
		assertThat(handler.isVirtual()).isTrue();
		assertThat(threads.get("modelAttribute")).isSameAs(handler);
		assertThat(threads.get("initBinder")).isSameAs(handler);
	}

}
