package hub.gateway.bootstrap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;

/**
 * A real browser for the tests of the gateway's pages: Debian's headless Chromium ({@code /usr/bin/chromium}),
 * driven by Debian's chromedriver ({@code /usr/bin/chromedriver}) through Selenium. Neither is downloaded: Selenium
 * is handed both paths, so its manager never looks for a browser of its own. {@code .ci/run} installs the two
 * packages when they are missing.
 *
 * <p>Registered as a static extension ({@code @RegisterExtension static final Browser browser = Browser.chromium();})
 * it starts before a class's tests and quits after them; when Chromium or chromedriver is not installed, each of the
 * class's tests is skipped (a JUnit assumption whose message says which file is missing), never failed or passed.
 *
 * <p>While a page is open the browser keeps what a reviewer would look for: every message of its console at
 * SEVERE (script errors, failed loads, Content-Security-Policy refusals) and every URL the page asked for (Chrome's
 * performance log: each request the page sent, data: and blob: included). {@link #open} starts both records anew.
 */
final class Browser implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** How long a page may take to show what a test waits for; ample on a busy two-core machine. */
    static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--window-size=1400,1000");

    private ChromeDriverService service;
    private ChromeDriver driver;
    private final List<String> consoleErrors = new ArrayList<>();
    private final List<String> requestedUrls = new ArrayList<>();

    private Browser() {
    }

    static Browser chromium() {
        return new Browser();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (missing().isEmpty()) {
            start();
        }
    }

    /** Each test, not the class, is skipped: a skipped class would be reported as no test at all, without a reason. */
    @Override
    public void beforeEach(ExtensionContext context) {
        assumeTrue(missing().isEmpty(), () -> missing().orElseThrow());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        quit();
    }

    /** Why the browser cannot be had here, if it cannot: Debian's Chromium or its driver is not installed. */
    static Optional<String> missing() {
        if (!Files.isExecutable(CHROMIUM)) {
            return Optional.of("skipped: no Chromium at " + CHROMIUM + " (apt-get install chromium chromium-driver;"
                    + " .ci/run does so)");
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            return Optional.of("skipped: no chromedriver at " + CHROMEDRIVER + " (apt-get install chromium-driver;"
                    + " .ci/run does so)");
        }
        return Optional.empty();
    }

    /** Starts Chromium, or skips the calling test when it or its driver is not installed. */
    void start() {
        assumeTrue(missing().isEmpty(), () -> missing().orElseThrow());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(FLAGS);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        try {
            driver = new ChromeDriver(service, options);
        } catch (WebDriverException e) {
            service.stop();
            // Installed but unable to start (a driver of another version, a missing library): that is a failure.
            throw new IllegalStateException("Chromium (" + CHROMIUM + ") did not start through " + CHROMEDRIVER
                    + ": " + e.getMessage(), e);
        }
        driver.manage().timeouts().pageLoadTimeout(PATIENCE).scriptTimeout(PATIENCE);
    }

    void quit() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        if (service != null) {
            service.stop();
            service = null;
        }
    }

    /** For what this class does not offer (filling forms, pressing keys): the console tests' way in. */
    WebDriver driver() {
        return Objects.requireNonNull(driver, "the browser is not started");
    }

    /** Opens a page and starts the records of console errors and requested URLs anew. */
    void open(String url) {
        collect();
        consoleErrors.clear();
        requestedUrls.clear();
        driver().get(url);
    }

    /** Waits, at most {@link #PATIENCE}, until the page's visible text contains {@code text}; fails otherwise. */
    void waitForText(String text) {
        waitUntil("the page to show \"" + text + "\"", d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    /** Waits, at most {@link #PATIENCE}, for an element; fails otherwise. */
    WebElement waitFor(By locator) {
        return waitUntil("an element " + locator, d -> d.findElements(locator).stream().findFirst().orElse(null));
    }

    /** Waits, at most {@link #PATIENCE}, until {@code condition} answers something other than null or false. */
    <T> T waitUntil(String what, ExpectedCondition<T> condition) {
        return new WebDriverWait(driver(), PATIENCE).withMessage(() -> "waited " + PATIENCE.toSeconds() + " s for "
                + what + "; console errors: " + consoleErrors()).until(condition);
    }

    /** What the page's console said at SEVERE since {@link #open}: script errors, failed loads, CSP refusals. */
    List<String> consoleErrors() {
        collect();
        return List.copyOf(consoleErrors);
    }

    /** Every URL the page asked for since {@link #open}, the page itself first. */
    List<String> requestedUrls() {
        collect();
        return List.copyOf(requestedUrls);
    }

    /**
     * The requested URLs that left {@code origin} ({@code http://127.0.0.1:8080}): any http(s) or other URL of
     * another origin. {@code data:} URLs never leave the page; a {@code blob:} URL belongs to the origin it names.
     */
    List<String> requestsOutside(String origin) {
        URI own = URI.create(origin);
        return requestedUrls().stream().filter(url -> !isOf(own, url)).toList();
    }

    private static boolean isOf(URI origin, String url) {
        if (url.startsWith("data:")) {
            return true;
        }
        URI uri = URI.create(url.startsWith("blob:") ? url.substring("blob:".length()) : url);
        return origin.getScheme().equals(uri.getScheme()) && origin.getHost().equals(uri.getHost())
                && origin.getPort() == uri.getPort();
    }

    /** A PNG of the window as it is, into {@code file} (its folder made when missing); returns {@code file}. */
    Path screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Chrome hands each log entry out once: keep them. */
    private void collect() {
        for (LogEntry entry : driver().manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
        for (LogEntry entry : driver().manage().logs().get(LogType.PERFORMANCE)) {
            JsonObject message = Json.createReader(new StringReader(entry.getMessage())).readObject()
                    .getJsonObject("message");
            if ("Network.requestWillBeSent".equals(message.getString("method", ""))) {
                requestedUrls.add(message.getJsonObject("params").getJsonObject("request").getString("url"));
            }
        }
    }
}
