package dev.livedesk.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.FilePayload;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestFiles;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer's widget in real headless Chromium: a send that never loses text, photos both ways, the queue
 * counting down, rating and a new chat, Chinese, the keyboard alone, and an automated accessibility check. Agents
 * stay OFFLINE unless a test says otherwise, so conversations wait in the queue.
 */
@Tag("browser")
@QuarkusTest
class WidgetInBrowserTest {


    @TestHTTPResource("/")
    URI root;

    private final List<String> errors = new CopyOnWriteArrayList<>();

    private Page widget(BrowserContext context) {
        context.onWebError(error -> errors.add(error.error()));
        Page page = context.newPage();
        page.navigate(Browser.widgetPage(root));
        page.click("#launcher");
        return page;
    }

    /** Starts a chat from the widget and returns the conversation's id. */
    private static String startChat(Page page, String name) {
        page.fill("#name", name);
        page.click("#start-button");
        assertThat(page.locator("#text")).isVisible();
        return (String) page.evaluate("() => localStorage.getItem('livedesk.conversation')");
    }

    private static Page console(BrowserContext context, URI root, String conversationId) {
        Page page = Browser.agentConsole(context, root);
        page.navigate(root.resolve("/agent/#/conversations/" + conversationId).toString());
        return page;
    }

    @Test
    void aRefusedSendKeepsTheTextShowsWhyAndARetryPostsItOnce() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = widget(context);
            String conversationId = startChat(page, "Retry " + System.nanoTime());
            AtomicBoolean refuse = new AtomicBoolean(true);
            page.route("**/api/conversations/*/messages", route -> {
                if (refuse.getAndSet(false)) {
                    route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(429)
                            .setHeaders(java.util.Map.of("Retry-After", "7", "Content-Type", "application/json"))
                            .setBody("{\"error\":\"too-many-messages\",\"message\":\"Too many messages; slow down\"}"));
                } else {
                    route.resume();
                }
            });
            page.fill("#text", "Please keep this text");
            page.press("#text", "Enter");
            assertThat(page.locator(".message.pending[data-state=failed] .text")).hasText("Please keep this text");
            assertThat(page.locator(".message.pending .status")).hasText("Too many messages; you can retry in 7 s");
            Browser.screenshot(page, "widget-send-failed");
            page.click(".message.pending .retry");
            assertThat(page.locator(".message.customer:not(.pending) .text")).hasText("Please keep this text");
            assertThat(page.locator(".message.pending")).hasCount(0);
            given().auth().oauth2(TestApi.agentToken("alice")).get("/api/conversations/{id}/messages", conversationId)
                    .then().statusCode(200).body("messages.findAll { it.message.text == 'Please keep this text' }.size()",
                            org.hamcrest.Matchers.equalTo(1));
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void aPhotoFromTheCustomerShowsInTheConsoleAndOneFromTheAgentInTheWidget() {
        try (Browser browser = Browser.launch(); BrowserContext customerContext = browser.chromium.newContext();
             BrowserContext agentContext = browser.chromium.newContext()) {
            Page page = widget(customerContext);
            String conversationId = startChat(page, "Photo " + System.nanoTime());
            page.setInputFiles("#file", new FilePayload("broken-mug.png", "image/png", TestFiles.PNG));
            assertThat(page.locator(".message.customer .attachment img")).hasCount(1);

            Page agent = console(agentContext, root, conversationId);
            assertThat(agent.locator("#messages .message.customer .attachment img")).hasCount(1);
            assertThat(agent.locator("#messages .message.customer .attachment img"))
                    .hasAttribute("alt", "broken-mug.png");
            agent.setInputFiles("#file", new FilePayload("label.png", "image/png", TestFiles.PNG));
            assertThat(page.locator(".message.agent .attachment img")).hasCount(1);
            assertThat(page.locator(".message.agent .attachment")).hasAttribute("rel", "noopener noreferrer");
            Browser.screenshot(page, "widget-photos");
            Browser.screenshot(agent, "console-photos");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void aQueuedCustomerSeesTheirPlaceCountDown() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            TestApi.Started ahead = TestApi.startConversation("Ahead " + System.nanoTime());
            Page page = widget(context);
            startChat(page, "Queued " + System.nanoTime());
            Pattern place = Pattern.compile("You are number (\\d+) in the queue");
            assertThat(page.locator("#desk-status")).hasText(place);
            int before = number(page.locator("#desk-status").textContent(), place);
            given().auth().oauth2(TestApi.agentToken("alice")).post("/api/conversations/{id}/resolve", ahead.id())
                    .then().statusCode(200);
            assertThat(page.locator("#desk-status")).containsText("You are number " + (before - 1) + " in the queue");
            Browser.screenshot(page, "widget-queue");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void anAgentsReplyReplacesTheQueuePlaceWithTheAgent() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = widget(context);
            String conversationId = startChat(page, "Answered " + System.nanoTime());
            assertThat(page.locator("#desk-status")).containsText("in the queue");
            TestApi.post(conversationId, TestApi.agentToken("bob"), "Hi, Bob here");
            assertThat(page.locator(".message.agent .text")).hasText("Hi, Bob here");
            assertThat(page.locator("#desk-status")).not().containsText("in the queue");
            assertThat(page.locator(".message.system").last()).hasText(Pattern.compile("Bob joined"));
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void anOlderAnswerFromTheServerNeverUndoesWhatTheStreamSaidSince() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = widget(context);
            String conversationId = startChat(page, "Racing " + System.nanoTime());
            assertThat(page.locator("#desk-status")).containsText("in the queue");
            List<Route> held = new CopyOnWriteArrayList<>();
            page.route("**/api/conversations/" + conversationId, route -> {
                if ("GET".equals(route.request().method())) {
                    held.add(route);
                } else {
                    route.resume();
                }
            });
            context.setOffline(true);
            context.setOffline(false);
            page.waitForCondition(() -> !held.isEmpty());
            APIResponse queued = held.get(0).fetch();

            given().auth().oauth2(TestApi.agentToken("alice")).contentType("application/json").body("{}")
                    .post("/api/conversations/{id}/assign", conversationId).then().statusCode(200);
            assertThat(page.locator("#desk-status")).containsText("Alice");
            page.waitForResponse(response -> response.url().endsWith("/api/conversations/" + conversationId),
                    () -> held.forEach(route -> route.fulfill(new Route.FulfillOptions().setResponse(queued))));
            page.evaluate("() => new Promise((done) => setTimeout(done, 100))");

            assertThat(page.locator("#desk-status")).containsText("Alice");
            assertThat(page.locator("#desk-status")).not().containsText("in the queue");
            assertThat(errors).isEmpty();
        }
    }

    private static int number(String text, Pattern pattern) {
        java.util.regex.Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    @Test
    void afterResolveTheCustomerRatesAndStartsANewChat() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = widget(context);
            String conversationId = startChat(page, "Rater " + System.nanoTime());
            page.click("#end");
            assertThat(page.locator("#confirm-end")).isVisible();
            page.click("#confirm-no");
            assertThat(page.locator("#confirm-end")).isHidden();
            page.click("#end");
            page.click("#confirm-yes");
            assertThat(page.locator("#rating")).isVisible();
            assertThat(page.locator("#composer")).isHidden();
            page.click("label[for=score-4]");
            page.fill("#comment", "Quick and kind");
            page.click("#rate-button");
            assertThat(page.locator("#thanks")).hasText("Thank you for your rating!");
            Browser.screenshot(page, "widget-rated");
            given().auth().oauth2(TestApi.agentToken("alice")).get("/api/conversations/{id}", conversationId).then()
                    .body("conversation.rating.score", org.hamcrest.Matchers.equalTo(4));
            page.click("#new-chat");
            assertThat(page.locator("#start")).isVisible();
            assertThat(page.locator("#name")).isFocused();
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void aChineseBrowserGetsTheWidgetAndSystemMessagesInChinese() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext(
                new com.microsoft.playwright.Browser.NewContextOptions().setLocale("zh-CN"))) {
            Page page = widget(context);
            assertThat(page.locator("#start-button")).hasText("开始咨询");
            String conversationId = startChat(page, "李 " + System.nanoTime());
            page.fill("#text", "你好");
            page.press("#text", "Enter");
            given().auth().oauth2(TestApi.agentToken("alice")).contentType("application/json").body("{}")
                    .post("/api/conversations/{id}/assign", conversationId).then().statusCode(200);
            assertThat(page.locator(".message.system").last()).hasText("Alice 已加入对话");
            assertThat(page.locator("#desk-status")).hasText("Alice 正在为您服务");
            Browser.screenshot(page, "widget-chinese");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void inChineseTheQueueLineCountsThoseAheadAndTheAssistantHasAChineseName() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext(
                new com.microsoft.playwright.Browser.NewContextOptions().setLocale("zh-CN"))) {
            Page page = widget(context);
            assertThat(page.locator("#start-button")).hasText("开始咨询");

            Object next = page.evaluate("async () => (await import('/widget/i18n.js')).T.queued(1, '')");
            Object third = page.evaluate("async () => (await import('/widget/i18n.js')).T.queued(3, '')");
            page.evaluate("async () => { document.getElementById('messages').hidden = false;"
                    + " (await import('/widget/transcript.js')).showMessage({ id: 'm1', conversationId: 'c1',"
                    + " sender: { role: 'bot', id: 'assistant', name: 'LiveDesk Assistant' }, text: '您好',"
                    + " sentAt: new Date().toISOString(), attachments: [] }, 1); }");

            assertThat(next).isEqualTo("下一位就是您");
            assertThat(third).isEqualTo("您前面还有 2 位");
            assertThat(page.locator(".message.bot .sender")).hasText("智能助手");
        }
    }

    @Test
    void afterEndingTheChatTheFocusMovesToTheRating() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = widget(context);
            startChat(page, "Ending " + System.nanoTime());
            page.click("#end");
            assertThat(page.locator("#confirm-no")).isFocused();

            page.click("#confirm-yes");

            assertThat(page.locator("#rating")).isVisible();
            assertThat(page.locator("#score-1")).isFocused();
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void anAnswerWhileTheWidgetIsClosedRaisesTheLaunchersBadgeButItsJoinNoticeDoesNot() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = widget(context);
            String conversationId = startChat(page, "Badge " + System.nanoTime());
            page.click("#close");
            assertThat(page.locator("#unread")).isHidden();
            TestApi.post(conversationId, TestApi.agentToken("alice"), "Your parcel left the warehouse.");
            assertThat(page.locator("#unread")).hasText("1");
            assertThat(page.locator("#launcher")).hasAttribute("aria-label", "Chat with us (1)");
            page.click("#launcher");
            assertThat(page.locator("#unread")).isHidden();
            assertThat(page.locator(".message.agent .text")).hasText("Your parcel left the warehouse.");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void theWidgetWorksWithTheKeyboardAlone() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            context.onWebError(error -> errors.add(error.error()));
            Page page = context.newPage();
            page.navigate(Browser.widgetPage(root));
            page.focus("#launcher");
            page.keyboard().press("Enter");
            assertThat(page.locator("#chat")).hasAttribute("role", "dialog");
            assertThat(page.locator("#name")).isFocused();
            page.keyboard().type("Keys " + System.nanoTime());
            page.keyboard().press("Enter");
            assertThat(page.locator("#text")).isFocused();
            page.keyboard().type("Typed and sent with Enter");
            page.keyboard().press("Enter");
            assertThat(page.locator(".message.customer .text")).hasText("Typed and sent with Enter");
            page.keyboard().press("Escape");
            assertThat(page.locator("#chat")).isHidden();
            assertThat(page.locator("#launcher")).isFocused();
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationOnTheWidgetOrTheConsole() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = widget(context);
            assertThat(page.locator("#desk-status")).not().hasText("Checking who is around…");
            assertThat(Browser.seriousViolations(page, "#chat")).isEmpty();
            String conversationId = startChat(page, "Axe " + System.nanoTime());
            page.fill("#text", "A question with a link https://example.com/help.");
            page.press("#text", "Enter");
            assertThat(page.locator(".message.customer a")).hasAttribute("href", "https://example.com/help");
            assertThat(Browser.seriousViolations(page, "#chat")).isEmpty();

            Page agent = console(context, root, conversationId);
            assertThat(agent.locator("#messages .message.customer")).hasCount(1);
            assertThat(Browser.seriousViolations(agent, "body")).isEmpty();

            given().auth().oauth2(TestApi.agentToken("alice")).contentType("application/json").body("{}")
                    .post("/api/conversations/{id}/assign", conversationId).then().statusCode(200);
            assertThat(agent.locator("#messages .message.system")).not().hasCount(0);
            assertThat(Browser.seriousViolations(agent, "body")).as("with system notices").isEmpty();
            given().auth().oauth2(TestApi.agentToken("alice")).post("/api/conversations/{id}/resolve", conversationId)
                    .then().statusCode(200);
            assertThat(page.locator("#rating")).isVisible();
            assertThat(Browser.seriousViolations(page, "#chat")).as("while rating").isEmpty();
        }
    }
}
