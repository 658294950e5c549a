package io.clocklab.report.browser;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The system's Chromium, headless, driven by the system's chromedriver, for browser tests of the
 * pages. It may reach only the hosts it was started with (file:// URLs always work): every other
 * name resolves to nothing and every other address goes to a dead proxy, so a page that quietly
 * loads something from the internet fails its test instead of passing on a networked machine.
 *
 * <pre>
 * try (HeadlessChromium browser = new HeadlessChromium()) {
 *     PageVisit visit = browser.open(file.toUri().toString(), "run-report");
 * }
 * </pre>
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final String BINARY = "/usr/bin/chromium";
    public static final String DRIVER = "/usr/bin/chromedriver";
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 900;
    public static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

    /** One console message, as Chromium logged it (level SEVERE, WARNING, INFO ...). */
    public record ConsoleMessage(String level, String message) {
        public boolean isError() {
            return level.equals("SEVERE") || message.toLowerCase().contains("error");
        }
    }

    /** One top-level {@code <svg>} as rendered: its figure's id, its aria-label and its on-screen size in CSS pixels. */
    public record SvgBox(String figureId, String label, double width, double height) {
    }

    /** What one visit saw. */
    public record PageVisit(String title, List<ConsoleMessage> console, List<SvgBox> svgs, Path screenshot) {
    }

    /**
     * Selenium warns it has no CDP classes for this Chromium; executeCdpCommand (all we use) does not
     * need them. Held here because java.util.logging keeps loggers only weakly.
     */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
            Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

    private final ChromeDriver driver;
    private final List<String> allowedHosts;

    /** @param allowedHosts host names or addresses the browser may reach besides file:// (e.g. "localhost") */
    public HeadlessChromium(String... allowedHosts) {
        QUIET.forEach(logger -> logger.setLevel(Level.OFF));
        this.allowedHosts = List.of(allowedHosts);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + WIDTH + "," + HEIGHT, "--hide-scrollbars", "--force-device-scale-factor=1",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
                "--disable-features=Translate,OptimizationHints,MediaRouter",
                "--host-resolver-rules=" + resolverRules(),
                "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=" + String.join(";", bypassList()));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    /** Opens the URL, waits for it to load, and records console, SVGs and a full-page screenshot named {@code name}. */
    public PageVisit open(String url, String name) {
        checkAllowed(url);
        driver.get(url);
        return look(name);
    }

    /** Records the page as it is now (e.g. after waiting for a script), without reloading it. */
    public PageVisit look(String name) {
        List<ConsoleMessage> console = consoleMessages();
        return new PageVisit(driver.getTitle(), console, svgs(), screenshot(name));
    }

    /** The driver, for waiting on and inspecting elements. */
    public WebDriver driver() {
        return driver;
    }

    /** Console messages logged since the last call (Chromium hands each out once). */
    public List<ConsoleMessage> consoleMessages() {
        List<ConsoleMessage> messages = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            messages.add(new ConsoleMessage(entry.getLevel().getName(), entry.getMessage()));
        }
        return messages;
    }

    @SuppressWarnings("unchecked")
    public List<SvgBox> svgs() {
        Object result = ((JavascriptExecutor) driver).executeScript("""
                return Array.from(document.querySelectorAll('svg'))
                  .filter(function (s) { return !s.parentElement.closest('svg'); })
                  .map(function (s) {
                    var r = s.getBoundingClientRect();
                    var f = s.closest('figure');
                    return {figure: f ? f.id : '', label: s.getAttribute('aria-label') || '', width: r.width, height: r.height};
                  });
                """);
        List<SvgBox> boxes = new ArrayList<>();
        for (Map<String, Object> svg : (List<Map<String, Object>>) result) {
            boxes.add(new SvgBox((String) svg.get("figure"), (String) svg.get("label"),
                    ((Number) svg.get("width")).doubleValue(), ((Number) svg.get("height")).doubleValue()));
        }
        return boxes;
    }

    /** A PNG of the whole page, not just the window, at {@code target/browser-screenshots/<name>.png}. */
    public Path screenshot(String name) {
        List<?> size = (List<?>) ((JavascriptExecutor) driver).executeScript(
                "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight];");
        return capture(name, 0, 0, ((Number) size.get(0)).doubleValue(), ((Number) size.get(1)).doubleValue());
    }

    /** A PNG of the first element matching {@code cssSelector}, at {@code target/browser-screenshots/<name>.png}. */
    public Path screenshotOf(String cssSelector, String name) {
        List<?> box = (List<?>) ((JavascriptExecutor) driver).executeScript("""
                var e = document.querySelector(arguments[0]);
                if (!e) { return null; }
                var r = e.getBoundingClientRect();
                return [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height];
                """, cssSelector);
        if (box == null) {
            throw new IllegalArgumentException("no element matches " + cssSelector);
        }
        return capture(name, ((Number) box.get(0)).doubleValue(), ((Number) box.get(1)).doubleValue(),
                ((Number) box.get(2)).doubleValue(), ((Number) box.get(3)).doubleValue());
    }

    private Path capture(String name, double x, double y, double width, double height) {
        Map<String, Object> clip = Map.of("x", x, "y", y, "width", width, "height", height, "scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Path file = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the screenshot " + file, e);
        }
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }

    private void checkAllowed(String url) {
        URI uri = URI.create(url);
        if (!"file".equals(uri.getScheme()) && !allowedHosts.contains(uri.getHost())) {
            throw new IllegalArgumentException("this browser may only open file:// URLs and " + allowedHosts + ", not " + url);
        }
    }

    /** Every name resolves to nothing except the allowed hosts. */
    private String resolverRules() {
        StringBuilder rules = new StringBuilder("MAP * ~NOTFOUND");
        for (String host : allowedHosts) {
            rules.append(", EXCLUDE ").append(host);
        }
        return rules.toString();
    }

    private List<String> bypassList() {
        List<String> bypass = new ArrayList<>(allowedHosts);
        if (bypass.isEmpty()) {
            bypass.add("<-loopback>"); // nothing bypasses the dead proxy, not even loopback
        }
        return bypass;
    }
}
