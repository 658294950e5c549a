package io.clocklab.report;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.clocklab.report.browser.HeadlessChromium.ConsoleMessage;
import io.clocklab.report.browser.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The index page's live-clocks panel in Chromium, against a tiny local server whose /api/clocks works or fails on demand. */
class IndexPageBrowserIT {

    private static final String CLOCKS = "[{\"vm\":\"vm1\",\"logicalClock\":42,\"clockRate\":3,\"queueLength\":0,\"state\":\"RUNNING\"},"
            + "{\"vm\":\"<b>vm2</b>\",\"logicalClock\":7,\"clockRate\":1,\"queueLength\":5,\"state\":\"RUNNING\"}]";

    private static HttpServer server;
    private static HeadlessChromium browser;
    /** What /api/clocks answers: a JSON body, or null for a 503. */
    private static final AtomicReference<String> clocks = new AtomicReference<>();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String page = new IndexPage(ReportLinks.web()).render(
                List.of(new IndexEntry("run-1", "FINISHED", ReportFixtures.START, "3 VMs")), List.of());
        server.createContext("/", exchange -> send(exchange, 200, "text/html; charset=utf-8", page));
        server.createContext("/api/clocks", exchange -> {
            String body = clocks.get();
            send(exchange, body == null ? 503 : 200, "application/json", body == null ? "{}" : body);
        });
        server.start();
        browser = new HeadlessChromium("127.0.0.1");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        server.stop(0);
    }

    @Test
    void showsTheLiveClocksAsTextAndKeepsPolling() {
        clocks.set(CLOCKS);
        browser.open(url(), "index-live-clocks");
        WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(10));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#live-clocks tbody tr"), 2));
        assertThat(browser.driver().findElement(By.cssSelector("#live-clocks tbody tr:nth-child(2) td")).getText()).isEqualTo("<b>vm2</b>");
        browser.screenshot("index-live-clocks");

        clocks.set("[]");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#live-clocks tbody tr"), 0));
        assertThat(browser.driver().findElement(By.cssSelector("#live-clocks .status")).getText()).isEqualTo("no VMs registered");
        assertThat(browser.look("index-live-clocks-empty").console()).filteredOn(ConsoleMessage::isError).isEmpty();
    }

    @Test
    void saysUnavailableWhenTheApiFailsWithoutAScriptError() {
        clocks.set(null);
        browser.open(url(), "index-clocks-unavailable");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBe(By.cssSelector("#live-clocks .status"), "unavailable"));
        // Chromium itself logs the failed request; the page's script must add nothing of its own.
        assertThat(browser.look("index-clocks-unavailable").console()).filteredOn(ConsoleMessage::isError)
                .allSatisfy(m -> assertThat(m.message()).contains("Failed to load resource"));
    }

    private static String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
