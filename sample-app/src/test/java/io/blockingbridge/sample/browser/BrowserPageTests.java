package io.blockingbridge.sample.browser;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's browser page in headless Chromium, driven like a person would: log in as a seeded
 * customer, place an order, see the answer, the order in the list and the WebSocket notification
 * arriving; a wrong password and an invalid order are shown as readable errors. The order's screen
 * is saved to {@code target/browser/page.png} (the README's screenshot).
 */
@RequiresChromium
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserPageTests {

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
	void customerLogsInPlacesAnOrderAndSeesTheNotificationArrive() {
		browser.logIn(this.port, "grace", "grace-password");
		browser.waitForText("#socket-state", "live");
		assertThat(browser.visible("#notifications li").getText()).contains("Connected as grace");

		browser.find("menu").findElement(By.cssSelector("input[value='tiramisu']")).click();
		browser.find("place").click();

		WebElement answer = browser.visible("#answer.ok");
		assertThat(answer.getText()).containsPattern("Order #\\d+ accepted").contains("Delivery in 25 minutes")
			.containsPattern("A courier picks it up in \\d+ minutes");
		String id = answer.getText().replaceAll("(?s).*Order #(\\d+).*", "$1");
		browser.waitForText("#notifications", "Order #" + id + " will be delivered in 25 minutes");
		String row = "#orders tr[data-order-id='" + id + "']";
		browser.waitForText(row, "ACCEPTED");
		assertThat(browser.visible(row).getText()).contains("margherita, tiramisu").contains("25 min");
		browser.screenshot("page.png");
	}

	@Test
	void wrongPasswordIsShownAsAMessage() {
		browser.logIn(this.port, "ada", "not-the-password");
		assertThat(browser.visible("#login-message").getText()).contains("Wrong name or password");
		assertThat(browser.find("order-section").isDisplayed()).isFalse();
	}

	@Test
	void invalidOrderShowsTheFieldMessages() {
		browser.logIn(this.port, "alan", "alan-password");
		browser.visible("#order-section");
		for (WebElement box : browser.find("menu").findElements(By.cssSelector("input:checked"))) {
			box.click();
		}
		browser.find("place").click();
		List<WebElement> fields = browser.visible("#answer.error").findElements(By.cssSelector("li"));
		assertThat(fields).extracting(WebElement::getText)
			.anySatisfy((text) -> assertThat(text).startsWith("items:"));
	}

}
