package dev.livedesk.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.livedesk.agent.ClosedHoursProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** Outside business hours the widget says so, takes an email, and the console lists it as an offline message. */
@Tag("browser")
@QuarkusTest
@TestProfile(ClosedHoursProfile.class)
class ClosedHoursInBrowserTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void closedHoursAskForAnEmailThatTheConsoleThenShows() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = context.newPage();
            page.navigate(Browser.widgetPage(root));
            page.click("#launcher");
            assertThat(page.locator("#desk-status")).hasText(Pattern.compile("^We are closed right now · back "));
            String name = "Night owl " + System.nanoTime();
            page.fill("#name", name);
            page.click("#start-button");
            assertThat(page.locator("#offline-message")).hasText(Pattern.compile("^We are away right now"));
            assertThat(page.locator("#composer")).isVisible();
            assertThat(page.locator("#chat button:visible", new Page.LocatorOptions().setHasText("Send"))).hasCount(1);
            assertThat(page.locator("#contact-button")).hasText("Email me");
            Object messagesHeight = page.evaluate("() => document.getElementById('messages').getBoundingClientRect().height");
            org.assertj.core.api.Assertions.assertThat(((Number) messagesHeight).doubleValue())
                    .as("room left for the conversation").isGreaterThan(180);
            page.fill("#email", "owl@example.com");
            page.click("#contact-button");
            assertThat(page.locator(".message.system").last())
                    .hasText("Thanks! We will answer you at owl@example.com as soon as we are back.");
            // once in the conversation (the screen reader's live region may repeat the notice)
            assertThat(page.locator("#messages :text('owl@example.com'):visible")).hasCount(1);
            assertThat(page.locator("#contact")).isHidden();
            Browser.screenshot(page, "widget-closed-hours");

            Page agent = Browser.agentConsole(context, root);
            agent.click("[data-view=offline]");
            assertThat(agent.locator("#list .entry", new Page.LocatorOptions().setHasText(name))).hasCount(1);
            agent.locator("#list .entry", new Page.LocatorOptions().setHasText(name)).click();
            assertThat(agent.locator("#customer-email")).hasText("owl@example.com");
            Browser.screenshot(agent, "console-offline-messages");
        }
    }
}
