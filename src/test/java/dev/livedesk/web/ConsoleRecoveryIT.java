package dev.livedesk.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.livedesk.support.AppProcess;
import dev.livedesk.support.Directories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling deploy as an agent lives it, against the packaged application in a process of its own: the server
 * drains (its streams end, new ones get 503, which ends an EventSource for good) and stops, then starts again with
 * an empty in-memory store. The console must come back by itself, say that the server restarted, drop the stale
 * list and show a conversation that arrived meanwhile, without anyone reloading the page.
 */
@Tag("packaged")
class ConsoleRecoveryIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration BACK = Duration.ofSeconds(60);

    private static void startConversation(URI root, String name) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(root.resolve("/api/conversations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customerName\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("start answered " + response.statusCode());
        }
    }

    /**
     * The default store keeps everything through a restart: the console, reconnected by itself, shows the server's
     * ONLINE; a customer who arrives after the restart is assigned to the agent, who touched nothing; and what a
     * customer typed while the server was down reaches the agent once it is back, in a chat that did not end.
     */
    @Test
    void anAgentOnlineBeforeARestartIsAssignedANewCustomerAfterItWithoutTouchingTheConsole() throws Exception {
        Path data = Directories.empty(Path.of("target", "console-recovery-data"));
        AppProcess app = AppProcess.start("console-embedded", Map.of("livedesk.store", "embedded",
                "livedesk.embedded.data-dir", data.toString(), "livedesk.shutdown.drain", "2s"));
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext();
             BrowserContext shopper = browser.chromium.newContext()) {
            app.awaitReady();
            Page page = Browser.agentConsole(context, app.root());
            page.selectOption("#status", "ONLINE");
            page.click("[data-view=mine]");
            Page customer = shopper.newPage();
            customer.navigate(Browser.widgetPage(app.root()));
            customer.click("#launcher");
            customer.fill("#name", "Before the restart");
            customer.click("#start button");
            assertThat(page.locator("#list .entry .who")).hasText(new String[]{"Before the restart"});

            app.terminate();
            await().atMost(Duration.ofSeconds(30)).until(() -> !app.isAlive());
            customer.fill("#text", "Typed while the server was down");
            customer.press("#text", "Enter");
            app.start();
            app.awaitReady();

            assertThat(page.locator("#connection")).hasText("● live",
                    new LocatorAssertions.HasTextOptions().setTimeout(BACK.toMillis()));
            assertThat(page.locator("#status")).hasValue("ONLINE");
            startConversation(app.root(), "After the restart");
            assertThat(page.locator("#list .entry .who")).hasText(new String[]{"Before the restart",
                    "After the restart"}, new LocatorAssertions.HasTextOptions().setTimeout(BACK.toMillis()));
            page.locator("#list .entry", new Page.LocatorOptions().setHasText("Before the restart")).click();
            assertThat(page.locator("#messages .message.customer .text")).hasText(
                    new String[]{"Typed while the server was down"},
                    new LocatorAssertions.HasTextOptions().setTimeout(BACK.toMillis()));
            assertThat(customer.locator(".message.mine.pending")).hasCount(0);
            assertThat(customer.getByText("This chat has ended")).hasCount(0);
            Browser.screenshot(page, "console-after-restart-embedded");
        } finally {
            app.terminate();
            await().atMost(Duration.ofSeconds(60)).until(() -> !app.isAlive());
        }
    }

    @Test
    void theConsoleRecoversByItselfFromADrainAndARestartAndShowsWhatArrivedMeanwhile() throws Exception {
        AppProcess app = AppProcess.start("console-recovery", Map.of("livedesk.shutdown.drain", "2s"));
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            app.awaitReady();
            Page page = Browser.agentConsole(context, app.root());
            page.selectOption("#status", "AWAY");
            page.click("[data-view=queue]");
            startConversation(app.root(), "Before the deploy");
            assertThat(page.locator("#list .entry .who")).hasText(new String[]{"Before the deploy"});

            app.terminate();
            assertThat(page.locator("#banner")).containsText("Reconnecting by itself",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(BACK.toMillis()));
            assertThat(page.locator("#connection")).hasText("reconnecting…");
            Browser.screenshot(page, "console-reconnecting");
            await().atMost(Duration.ofSeconds(30)).until(() -> !app.isAlive());

            app.start();
            app.awaitReady();
            startConversation(app.root(), "During the deploy");

            assertThat(page.locator("#connection")).hasText("● live",
                    new LocatorAssertions.HasTextOptions().setTimeout(BACK.toMillis()));
            assertThat(page.locator("#list .entry .who")).hasText(new String[]{"During the deploy"},
                    new LocatorAssertions.HasTextOptions().setTimeout(BACK.toMillis()));
            assertThat(page.locator("#banner")).containsText("server restarted");
            // The memory store forgot the agent's status: the console shows what the server has now.
            assertThat(page.locator("#status")).hasValue("OFFLINE");
            Browser.screenshot(page, "console-after-restart");

            startConversation(app.root(), "After the deploy");
            assertThat(page.locator("#list .entry .who")).hasText(new String[]{"During the deploy",
                    "After the deploy"});
        } finally {
            app.close();
        }
    }
}
