package dev.livedesk.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end in real headless Chromium: a customer on a phone-sized screen chats with the assistant, asks for a
 * person; an agent logs in, goes online, gets the conversation and replies; both pages show everything live; a
 * reload of the customer's page resumes with nothing twice.
 */
@Tag("browser")
@QuarkusTest
@TestProfile(BrowserProfile.class)
class ChatInBrowserTest {

    /** Markup as a name, which must show as text; unique, because other tests' conversations share the app. */
    private static final String HOSTILE_NAME = "<img src=x onerror=\"window.pwned=1\">Ann " + System.nanoTime();

    @TestHTTPResource("/")
    URI root;

    @Test
    void customerAndAgentChatLiveAndAReloadShowsEverythingOnce() {
        try (Browser browser = Browser.launch();
             BrowserContext customerContext = browser.chromium.newContext(new com.microsoft.playwright.Browser
                     .NewContextOptions().setViewportSize(375, 740));
             BrowserContext agentContext = browser.chromium.newContext()) {
            List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
            customerContext.onWebError(error -> errors.add("customer: " + error.error()));
            agentContext.onWebError(error -> errors.add("agent: " + error.error()));
            customerContext.onConsoleMessage(message -> {
                if ("error".equals(message.type())) {
                    errors.add("customer console: " + message.text());
                }
            });
            agentContext.onConsoleMessage(message -> {
                boolean loginProbe = message.text().contains("status of 401");
                if ("error".equals(message.type()) && !loginProbe) {
                    errors.add("agent console: " + message.text());
                }
            });
            Page customer = customerContext.newPage();
            customer.navigate(Browser.widgetPage(root));
            customer.click("#launcher");
            assertThat(customer.locator("#desk-status")).hasText(Pattern.compile("agents are away"));
            customer.fill("#name", HOSTILE_NAME);
            customer.click("#start button");

            customer.fill("#text", "how can I send back a jacket that doesn't fit?");
            customer.press("#text", "Enter");
            Locator botAnswer = customer.locator(".message.bot:not(.draft) .text").last();
            assertThat(botAnswer).containsText("30 days");

            customer.click("#human");
            assertThat(customer.locator(".message.system").last()).hasText("Connecting you to an agent…");
            Browser.screenshot(customer, "customer-waiting");

            Page agent = agentContext.newPage();
            agent.navigate(root.resolve("/agent/").toString());
            agent.fill("#username", "alice");
            agent.fill("#password", "alice-demo-password");
            agent.click("#login button");
            assertThat(agent.locator("#me")).hasText("Alice");
            agent.selectOption("#status", "ONLINE");
            assertThat(customer.locator("#desk-status")).hasText("You are chatting with Alice");

            Locator mine = agent.locator("#list .entry", new Page.LocatorOptions().setHasText(HOSTILE_NAME));
            assertThat(mine).hasCount(1);
            mine.click();
            assertThat(agent.locator("#messages .message.customer .text").first())
                    .hasText("how can I send back a jacket that doesn't fit?");
            assertThat(customer.locator(".message.system")).containsText(new String[]{"Alice joined the conversation"});

            customer.fill("#text", "My order is 1234 <b>urgent</b><script>window.pwned=2</script>");
            assertThat(agent.locator("#typing")).hasText(Pattern.compile("is typing"));
            customer.press("#text", "Enter");
            assertThat(agent.locator("#messages .message.customer .text").last()).hasText("My order is 1234 <b>urgent</b><script>window.pwned=2</script>");

            agent.fill("#text", "Hi, I'm Alice. I can see order 1234.");
            agent.press("#text", "Enter");
            assertThat(customer.locator(".message.agent .text").last()).hasText("Hi, I'm Alice. I can see order 1234.");
            assertThat(customer.locator(".message.mine .ticks").last()).hasText("✓✓");
            Browser.screenshot(customer, "customer-chatting");
            Browser.screenshot(agent, "agent-console");

            List<String> before = texts(customer);
            customer.reload();
            assertThat(customer.locator(".message.agent .text").last()).hasText("Hi, I'm Alice. I can see order 1234.");
            assertThat(texts(customer)).isEqualTo(before);
            assertThat(texts(customer)).doesNotHaveDuplicates();

            assertThat(customer.evaluate("() => window.pwned === undefined")).isEqualTo(true);
            assertThat(agent.evaluate("() => window.pwned === undefined")).isEqualTo(true);
            assertThat(agent.locator("#list .entry img")).hasCount(0);
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void aNetworkDropShowsReconnectingAndResumesWithoutGapOrDuplicate() {
        try (Browser browser = Browser.launch();
             BrowserContext context = browser.chromium.newContext()) {
            Page customer = context.newPage();
            customer.navigate(Browser.widgetPage(root));
            customer.click("#launcher");
            customer.click("#start button");
            customer.fill("#text", "I want to speak to a human");
            customer.press("#text", "Enter");
            assertThat(customer.locator(".message.system").last()).hasText("Connecting you to an agent…");
            String conversationId = (String) customer.evaluate("() => localStorage.getItem('livedesk.conversation')");
            String agent = dev.livedesk.support.TestApi.agentToken("bob");

            context.setOffline(true);
            assertThat(customer.locator("#connection")).hasText(Pattern.compile("reconnecting"));
            dev.livedesk.support.TestApi.post(conversationId, agent, "Sorry for the wait, this is Bob.");
            dev.livedesk.support.TestApi.post(conversationId, agent, "How can I help?");
            context.setOffline(false);

            assertThat(customer.locator(".message.agent .text")).hasText(
                    new String[]{"Sorry for the wait, this is Bob.", "How can I help?"});
            assertThat(customer.locator("#connection")).isHidden();
            assertThat(texts(customer)).doesNotHaveDuplicates();
        }
    }

    @Test
    void aNewChatOpensWithTheAssistantsGreetingAndTopicsAndPickingOneAnswersIt() {
        try (Browser browser = Browser.launch();
             BrowserContext context = browser.chromium.newContext(new com.microsoft.playwright.Browser
                     .NewContextOptions().setViewportSize(375, 740))) {
            Page customer = context.newPage();
            customer.navigate(Browser.widgetPage(root));
            customer.click("#launcher");
            customer.click("#start button");

            Locator greeting = customer.locator(".message.bot").first();
            assertThat(greeting.locator(".text")).hasText("Hi! I'm the assistant. Ask me anything, or pick a topic below.");
            Locator topics = greeting.locator(".suggestions button.suggestion:not(.person)");
            assertThat(topics).hasCount(4);
            assertThat(greeting.locator(".suggestion.person")).hasText("Talk to a person");
            Browser.screenshot(customer, "widget-greeting");

            String question = topics.first().textContent();
            topics.first().click();
            assertThat(customer.locator(".message.customer .text").last()).hasText(question);
            assertThat(customer.locator(".message.bot:not(.draft) .text")).hasCount(2);
            org.assertj.core.api.Assertions.assertThat(customer.locator(".message.bot:not(.draft) .text").last()
                    .textContent()).doesNotStartWith("I'm not sure");
        }
    }

    /** Every message the customer's page shows, with its position, as text. */
    private static List<String> texts(Page page) {
        page.locator(".message").last().waitFor();
        return page.locator(".messages .message").allTextContents();
    }

    @Test
    void aMissOffersTopicsAsButtonsAndPickingOneAnswersIt() {
        try (Browser browser = Browser.launch();
             BrowserContext context = browser.chromium.newContext(new com.microsoft.playwright.Browser
                     .NewContextOptions().setViewportSize(375, 740))) {
            List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
            context.onWebError(error -> errors.add(error.error()));
            Page customer = context.newPage();
            customer.navigate(Browser.widgetPage(root));
            customer.click("#launcher");
            customer.fill("#name", "Unsure");
            customer.click("#start button");
            customer.fill("#text", "i have a question about something");
            customer.press("#text", "Enter");
            Locator miss = customer.locator(".message.bot").nth(1);
            Locator choices = miss.locator(".suggestions button.suggestion:not(.person)");
            assertThat(miss.locator(".text")).containsText("I'm not sure I understood");
            assertThat(choices.first()).isVisible();
            int offered = choices.count();
            org.assertj.core.api.Assertions.assertThat(offered).isBetween(1, 3);
            assertThat(miss.locator(".suggestion.person")).hasText("Talk to a person");
            Browser.screenshot(customer, "widget-suggestions");

            String question = choices.first().textContent();
            choices.first().click();
            assertThat(customer.locator(".message.customer .text").last()).hasText(question);
            assertThat(customer.locator(".message.bot:not(.draft) .text")).hasCount(3);
            org.assertj.core.api.Assertions.assertThat(customer.locator(".message.bot:not(.draft) .text").last()
                    .textContent()).doesNotStartWith("I'm not sure");

            miss.locator(".suggestion.person").click();
            assertThat(customer.locator(".message.system").last()).hasText("Connecting you to an agent…");
            assertThat(customer.locator(".message.bot .suggestions")).hasCount(2);
            assertThat(customer.locator(".message.bot .suggestions").first()).isHidden();
            assertThat(customer.locator(".message.bot .suggestions").last()).isHidden();
            org.assertj.core.api.Assertions.assertThat(errors).isEmpty();
        }
    }
}
