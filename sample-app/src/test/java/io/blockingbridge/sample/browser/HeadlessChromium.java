package io.blockingbridge.sample.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through ChromeDriver, with what the page tests do on the sample's page:
 * open it, log in, find elements, wait for them and take a screenshot. One browser serves a whole
 * test class; each test opens the page afresh.
 */
final class HeadlessChromium implements AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final WebDriver browser;

	private final WebDriverWait wait;

	private HeadlessChromium(WebDriver browser) {
		this.browser = browser;
		this.wait = new WebDriverWait(browser, WAIT);
	}

	/**
	 * Start a browser with the flags this machine needs: no sandbox (root), no background
	 * networking (the network is closed), a fresh profile.
	 */
	static HeadlessChromium start() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(RequiresChromium.Installed.browser().toFile());
		try {
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory("chromium"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(RequiresChromium.Installed.driver().toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver browser = new ChromeDriver(service, options);
		browser.manage().window().setSize(new Dimension(1200, 860));
		return new HeadlessChromium(browser);
	}

	/** Open the sample's page and log in as the given customer. */
	void logIn(int port, String customer, String password) {
		this.browser.get("http://localhost:" + port + "/");
		this.wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#customer option[value='" + customer + "']")));
		new Select(find("customer")).selectByValue(customer);
		find("password").sendKeys(password);
		find("login-button").click();
	}

	/** The element with the given id. */
	WebElement find(String id) {
		return this.browser.findElement(By.id(id));
	}

	/** Wait until an element matching the selector is visible. */
	WebElement visible(String cssSelector) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(cssSelector)));
	}

	/** Wait until the element matching the selector contains the text. */
	void waitForText(String cssSelector, String text) {
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(cssSelector), text));
	}

	/** Save what the browser shows to {@code target/browser/<name>}. */
	void screenshot(String name) {
		try {
			Path directory = Path.of("target", "browser");
			Files.createDirectories(directory);
			Path shot = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE).toPath();
			Files.copy(shot, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	WebDriver driver() {
		return this.browser;
	}

	@Override
	public void close() {
		this.browser.quit();
	}

}
