package io.blockingbridge.sample.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page when things go wrong on the server: the kitchen refuses every order (after a while), so
 * an order is answered {@code 502} with its reason and listed {@code FAILED}; only one request is
 * served at a time, so an order placed while another is in the kitchen is answered {@code 503},
 * shown with when to try again.
 */
@RequiresChromium
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "kitchen.failure-rate=1.0", "kitchen.delay=8s", "kitchen.timeout=15s",
				"bridge.web.max-concurrent-requests=1" })
@AutoConfigureWebTestClient(timeout = "PT30S")
class BrowserKitchenFailureTests {

	private static HeadlessChromium browser;

	@LocalServerPort
	int port;

	@Autowired
	WebTestClient client;

	@BeforeAll
	static void openBrowser() {
		browser = HeadlessChromium.start();
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void refusedOrderShowsTheKitchensReason() {
		browser.logIn(this.port, "ada", "ada-password");
		browser.visible("#order-section");
		browser.find("place").click();
		String answer = browser.visible("#answer.error").getText();
		assertThat(answer).contains("Kitchen did not accept the order").containsPattern("Order #\\d+ failed");
		String id = answer.replaceAll("(?s).*Order #(\\d+) failed.*", "$1");
		browser.waitForText("#orders tr[data-order-id='" + id + "']", "FAILED");
	}

	@Test
	void busyServerSaysWhenToTryAgain() throws InterruptedException {
		browser.logIn(this.port, "grace", "grace-password");
		browser.waitForText("#socket-state", "live");
		// Orders of another customer, one after the other, each holding the only request permit while
		// the kitchen takes its time (one would do; the next one covers a first that ended early).
		AtomicReference<String> lastAnswer = new AtomicReference<>("none yet");
		Disposable inTheKitchen = Mono.defer(() -> WebClient.create("http://localhost:" + this.port)
			.post()
			.uri("/orders")
			.headers((headers) -> headers.setBasicAuth("alan", "alan-password"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("items", List.of("pie")))
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().toString())))
			.onErrorResume((ex) -> Mono.just(ex.toString()))
			.doOnNext(lastAnswer::set)
			.repeat()
			.subscribe();
		try {
			waitUntilBusy(lastAnswer);
			browser.find("place").click();
			String answer = browser.visible("#answer.error").getText();
			assertThat(answer).contains("The service is busy").containsPattern("Try again in \\d+ s");
		}
		finally {
			inTheKitchen.dispose();
		}
	}

	private void waitUntilBusy(AtomicReference<String> lastAnswer) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			HttpStatus status = HttpStatus.valueOf(this.client.get().uri("/orders")
				.headers((headers) -> headers.setBasicAuth("ada", "ada-password"))
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value());
			if (status == HttpStatus.SERVICE_UNAVAILABLE) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("The orders in the kitchen never held the only request permit; the last "
				+ "answered " + lastAnswer.get());
	}

}
