package io.blockingbridge.sample.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page when the kitchen refuses every order: the {@code 502} problem detail is shown with its
 * reason, and the order appears in the list as {@code FAILED}.
 */
@RequiresChromium
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "kitchen.failure-rate=1.0")
class BrowserKitchenFailureTests {

	private static HeadlessChromium browser;

	@LocalServerPort
	int port;

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

}
