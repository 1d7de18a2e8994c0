package dev.livedesk.web;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import dev.livedesk.support.TestApi;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.ScreenshotType;
import org.junit.jupiter.api.Assumptions;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Headless Chromium from the machine (Debian's {@code chromium} package), driven by Playwright, which is never
 * allowed to download a browser of its own. Without Chromium the browser tests are skipped, and say why.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LIVEDESK_CHROMIUM", "/usr/bin/chromium"));
    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic");

    private final Playwright playwright;
    final com.microsoft.playwright.Browser chromium;

    private Browser(List<String> extra) {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        List<String> args = new java.util.ArrayList<>(ARGS);
        args.addAll(extra);
        chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(args));
    }

    /** Launches Chromium, or skips the calling test with the reason when it is not installed. */
    static Browser launch() {
        return launch(List.of());
    }

    /**
     * Launches Chromium with third-party cookies blocked, as Safari and Firefox do by default: a site framed by
     * another site has no access to its cookies or its storage. (Debian's Chromium 156 blocks them already; the flag
     * keeps it so whatever its default.)
     */
    static Browser launchWithThirdPartyCookiesBlocked() {
        return launch(List.of("--test-third-party-cookie-phaseout"));
    }

    private static Browser launch(List<String> extra) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "Browser test skipped: no Chromium at " + CHROMIUM + " (apt-get install -y chromium, or set LIVEDESK_CHROMIUM)");
        return new Browser(extra);
    }

    /** Logs alice into the agent console of the application at {@code root} and waits until its stream is live. */
    static Page agentConsole(BrowserContext context, URI root) {
        return agentConsole(context, root, "alice");
    }

    /** Logs a demo agent into the agent console and waits until its stream is live. */
    static Page agentConsole(BrowserContext context, URI root, String username) {
        Page page = context.newPage();
        page.navigate(root.resolve("/agent/").toString());
        page.fill("#username", username);
        page.fill("#password", TestApi.PASSWORDS.get(username));
        page.click("#login button");
        PlaywrightAssertions.assertThat(page.locator("#connection")).hasText("● live");
        return page;
    }

    /**
     * The chat of the default inbox as a page of its own: the page sdk.js frames on a website, opened at the top
     * level, where it behaves as the widget on LiveDesk's own pages (its cookie, EventSource).
     */
    static String widgetPage(URI root) {
        return root.resolve("/embed/default-website-token").toString();
    }

    /** Saves what the page shows under target/screenshots, for a person to look at. */
    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setType(ScreenshotType.PNG).setFullPage(true)
                .setPath(Path.of("target", "screenshots", name + ".png")));
    }

    /** axe-core's serious and critical findings in a part of the page, as "rule: targets" lines. */
    static List<String> seriousViolations(Page page, String selector) {
        return new AxeBuilder(page).include(List.of(selector)).analyze().getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(Browser::describe).toList();
    }

    private static String describe(Rule rule) {
        return rule.getId() + ": " + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList();
    }

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }
}
