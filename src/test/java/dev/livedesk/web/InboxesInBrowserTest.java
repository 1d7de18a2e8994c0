package dev.livedesk.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.livedesk.support.TestApi;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admins' inboxes page in real headless Chromium: reached from the console by an admin (erin), it creates an
 * inbox with its origins, hours and agents, shows the snippet line to put on the website, changes an inbox, says
 * why the server refused a change, and tells a plain agent that inboxes are for admins.
 */
@Tag("browser")
@QuarkusTest
class InboxesInBrowserTest {

    @TestHTTPResource("/")
    URI root;

    private final List<String> errors = new CopyOnWriteArrayList<>();

    private Page inboxes(BrowserContext context, String agent) {
        context.onWebError(error -> errors.add(error.error()));
        context.onConsoleMessage(message -> {
            if ("error".equals(message.type()) && !message.text().matches(".*status of 40[01].*")) {
                errors.add(message.text());
            }
        });
        Page console = Browser.agentConsole(context, root, agent);
        if (agent.equals("erin")) {
            console.click("#inboxes-link");
        } else {
            assertThat(console.locator("#inboxes-link")).isHidden();
            console.navigate(root.resolve("/agent/inboxes/").toString());
        }
        assertThat(console).hasURL(Pattern.compile("/agent/inboxes/"));
        return console;
    }

    private static Locator card(Page page, String name) {
        return page.locator(".inbox", new Page.LocatorOptions().setHasText(name));
    }

    @Test
    void anAdminCreatesAnInboxAndGetsItsSnippet() {
        String name = "Garden shop " + System.nanoTime();
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = inboxes(context, "erin");
            assertThat(card(page, "(default, set in configuration)")).isVisible();
            page.click("#new");
            page.fill("#name", name);
            page.fill("#origins", "https://garden.example\nhttps://shop.garden.example");
            page.fill("#timezone", "Europe/Berlin");
            page.fill("#weekly", "mon-fri 09:00-18:00");
            page.fill("#color", "#2f855a");
            page.locator("#members label", new Page.LocatorOptions().setHasText("Bob")).locator("input").check();
            page.click("#save");

            Locator created = card(page, name);
            assertThat(created).containsText("https://garden.example, https://shop.garden.example");
            assertThat(created).containsText("mon-fri 09:00-18:00 (Europe/Berlin)");
            assertThat(created).containsText("Bob");
            String token = given().auth().oauth2(TestApi.agentToken("erin")).get("/api/inboxes").then()
                    .statusCode(200).extract().path("inboxes.find { it.name == '" + name + "' }.websiteToken");
            assertThat(created.locator(".snippet")).hasText("<script src=\"" + root.toString().replaceAll("/$", "")
                    + "/sdk.js\" data-website-token=\"" + token + "\" async></script>");
            assertThat(created.locator(".secret")).isHidden();
            created.locator(".reveal").click();
            assertThat(created.locator(".secret")).isVisible();
            Browser.screenshot(page, "inboxes");
            page.setViewportSize(375, 740);
            Browser.screenshot(page, "inboxes-phone");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void anAdminChangesAnInboxAndItsAgents() {
        String name = "Renamed later " + System.nanoTime();
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = inboxes(context, "erin");
            page.click("#new");
            page.fill("#name", name);
            page.click("#save");
            card(page, name).locator(".edit").click();
            page.fill("#name", name + " shop");
            page.locator("#members label", new Page.LocatorOptions().setHasText("Carol")).locator("input").check();
            page.click("#save");

            assertThat(card(page, name + " shop")).containsText(Pattern.compile("carol", Pattern.CASE_INSENSITIVE));
            List<String> members = given().auth().oauth2(TestApi.agentToken("erin")).get("/api/inboxes").then()
                    .extract().path("inboxes.find { it.name == '" + name + " shop' }.agentIds");
            assertThat(members).containsExactly("carol");
        }
    }

    @Test
    void aRefusedChangeSaysWhyAndKeepsTheForm() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = inboxes(context, "erin");
            page.click("#new");
            page.fill("#name", "Bad hours");
            page.fill("#timezone", "Mars/Olympus");
            page.fill("#weekly", "mon 09:00-17:00");
            page.click("#save");

            assertThat(page.locator("#editor-error")).containsText("Mars/Olympus");
            Browser.screenshot(page, "inboxes-editor");
            assertThat(page.locator("#editor")).isVisible();
            assertThat(page.locator("#name")).hasValue("Bad hours");
        }
    }

    @Test
    void aPlainAgentIsToldInboxesAreForAdmins() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = inboxes(context, "bob");

            assertThat(page.locator("#problem")).containsText("Inboxes are managed by admins");
            assertThat(page.locator("#page")).isHidden();
        }
    }
}
