package org.crystograph.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.crystograph.testing.Prerequisites;

/**
 * Headless Chromium driven through chromedriver (Debian's {@code chromium} and {@code chromium-driver}), with a fresh
 * profile per session and no network access of its own (no component updates, no sync, no QUIC). When either binary is
 * absent the calling test is skipped through a JUnit assumption whose message says why; the reason is also printed so
 * a build log shows it.
 */
final class Browser implements AutoCloseable {

    /** Where the Debian packages install the browser and its driver; overridable by system property. */
    static final String CHROMIUM = System.getProperty("crystograph.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("crystograph.chromedriver", "/usr/bin/chromedriver");
    /** Screenshots for review; not committed. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Generous: the build machine may be shared with training runs. */
    private static final Duration PAGE_LOAD_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration NAVIGATION_TIMEOUT = Duration.ofSeconds(120);
    private static final int WINDOW_WIDTH_PX = 1280;
    private static final int WINDOW_HEIGHT_PX = 1600;

    private final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Why no browser can be started here, or null when Chromium and chromedriver are both installed. */
    static String missingReason() {
        String missing = null;
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            missing = "Chromium not found at " + CHROMIUM;
        } else if (!Files.isExecutable(Path.of(CHROMEDRIVER))) {
            missing = "chromedriver not found at " + CHROMEDRIVER;
        }
        return missing == null ? null : "browser tests skipped: " + missing
                + " (install Debian's chromium and chromium-driver, as .ci/run does)";
    }

    /**
     * Starts a browser for a test class ({@code @BeforeAll}), or returns null after printing why not; each test then
     * calls {@link #assumeAvailable} so that it is reported as skipped with the reason.
     */
    static Browser startIfInstalled() {
        String reason = missingReason();
        if (reason != null) {
            System.err.println(reason);
            return null;
        }
        return start();
    }

    /** Skips the calling test, with the reason, when no browser could be started. */
    static void assumeAvailable(Browser browser) {
        Prerequisites.require(browser != null, Browser::missingReason);
    }

    private static Browser start() {
        Path profile;
        try {
            profile = Files.createTempDirectory("crystograph-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-renderer-backgrounding", "--disable-background-timer-throttling",
                "--disable-backgrounding-occluded-windows", "--user-data-dir=" + profile,
                "--window-size=" + WINDOW_WIDTH_PX + "," + WINDOW_HEIGHT_PX);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD_TIMEOUT);
        driver.manage().timeouts().scriptTimeout(PAGE_LOAD_TIMEOUT);
        driver.manage().window().setSize(new Dimension(WINDOW_WIDTH_PX, WINDOW_HEIGHT_PX));
        return new Browser(driver, profile);
    }

    WebDriver driver() {
        return driver;
    }

    /**
     * The element once the page shows it. Call it after a click or a submit: the driver may return before the next
     * page has loaded, and a plain {@code findElement} then looks at the old page.
     */
    WebElement await(By locator) {
        return new WebDriverWait(driver, NAVIGATION_TIMEOUT).until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    /** Waits until the browser has navigated to a URL that ends with {@code suffix}. */
    void awaitUrlEndingWith(String suffix) {
        new WebDriverWait(driver, NAVIGATION_TIMEOUT).until(d -> d.getCurrentUrl().endsWith(suffix));
    }

    /** Saves a PNG of the current viewport as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
