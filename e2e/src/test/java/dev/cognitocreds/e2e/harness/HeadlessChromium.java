package dev.cognitocreds.e2e.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven by Selenium through Debian's chromedriver: both paths are
 * given, so Selenium Manager never looks for (or downloads) a browser or a driver. Its profile is a
 * temporary folder, deleted on close.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private final Path profile;
  private final WebDriver driver;

  private HeadlessChromium(Path profile, WebDriver driver) {
    this.profile = profile;
    this.driver = driver;
  }

  public static HeadlessChromium start() {
    Path profile;
    try {
      profile = Files.createTempDirectory("e2e-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    return new HeadlessChromium(profile, new ChromeDriver(service, options));
  }

  public void open(String url) {
    driver.get(url);
  }

  /** Fills the login page's username and password and presses "Sign in". */
  public void signIn(String username, String password) {
    await().until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    driver.findElement(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("signIn")).click();
  }

  /**
   * Fills the change-password page (shown for a temporary password), with the required attributes
   * it asks for, and presses its button.
   */
  public void changePassword(String newPassword, Map<String, String> attributes) {
    await().until(ExpectedConditions.presenceOfElementLocated(By.id("newPassword")));
    attributes.forEach(
        (name, value) -> driver.findElement(By.id("userAttributes." + name)).sendKeys(value));
    driver.findElement(By.id("newPassword")).sendKeys(newPassword);
    driver.findElement(By.id("confirmPassword")).sendKeys(newPassword);
    driver.findElement(By.id("changePassword")).click();
  }

  public void cancel() {
    await().until(ExpectedConditions.presenceOfElementLocated(By.id("cancel")));
    driver.findElement(By.id("cancel")).click();
  }

  /** Waits for a page with this title; returns its message text. */
  public String awaitPage(String title) {
    await().until(ExpectedConditions.titleIs(title));
    return driver.findElement(By.id("message")).getText();
  }

  public String title() {
    return driver.getTitle();
  }

  public String currentUrl() {
    return driver.getCurrentUrl();
  }

  public String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  private WebDriverWait await() {
    return new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temporary folder
      }
    }
  }
}
