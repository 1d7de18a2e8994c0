package dev.livedesk.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.livedesk.support.TestApi.Started;
import dev.livedesk.support.TestApi;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent console in real headless Chromium: unread badges and the title count, private notes, canned responses,
 * search, labels, transfer choices, resolved conversations, and a reload that keeps the open conversation. Agents
 * stay OFFLINE here, so auto-assignment leaves the queue alone.
 */
@Tag("browser")
@QuarkusTest
class ConsoleInBrowserTest {

    @TestHTTPResource("/")
    URI root;

    private final List<String> errors = new CopyOnWriteArrayList<>();

    /** A console page of a fresh browser context, logged in as alice and live. */
    private Page console(BrowserContext context) {
        context.onWebError(error -> errors.add(error.error()));
        context.onConsoleMessage(message -> {
            if ("error".equals(message.type()) && !message.text().contains("status of 401")) {
                errors.add(message.text());
            }
        });
        return Browser.agentConsole(context, root);
    }

    private static String unique(String prefix) {
        return prefix + " " + Long.toString(System.nanoTime(), 36);
    }

    private static Locator row(Page page, String name) {
        return page.locator("#list .entry", new Page.LocatorOptions().setHasText(name));
    }

    @Test
    void unreadBadgeAndTitleCountFollowCustomerMessagesAndAReloadKeepsTheOpenConversation() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = console(context);
            page.click("[data-view=queue]");
            String name = unique("Unread");
            Started customer = TestApi.startConversation(name);
            TestApi.post(customer.id(), customer.token(), "first question");
            TestApi.post(customer.id(), customer.token(), "second question");
            assertThat(row(page, name).locator(".badge")).hasText("2");
            assertThat(row(page, name).locator(".preview")).hasText("second question");
            assertThat(row(page, name).locator(".waiting")).hasText(Pattern.compile("waiting \\d+m \\d\\ds"));
            assertThat(page).hasTitle(Pattern.compile("^\\(\\d+\\) LiveDesk"));
            int before = titleCount(page);
            TestApi.post(customer.id(), customer.token(), "third question");
            assertThat(row(page, name).locator(".badge")).hasText("3");
            assertThat(page).hasTitle(Pattern.compile("^\\(" + (before + 1) + "\\) LiveDesk"));
            Browser.screenshot(page, "console-unread");

            row(page, name).click();
            assertThat(page.locator("#messages .message.customer .text")).hasText(
                    new String[]{"first question", "second question", "third question"});
            assertThat(row(page, name).locator(".badge")).hasCount(0);
            assertThat(page).hasTitle(Pattern.compile("^(\\(" + (before - 2) + "\\) )?LiveDesk"));
            assertThat(page).hasURL(Pattern.compile("#/conversations/" + customer.id() + "$"));

            page.reload();
            assertThat(page.locator("#view-title")).hasText(name);
            assertThat(page.locator("#messages .message.customer")).hasCount(3);
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void aConversationIsOfferedForTransferOnlyToTheMembersOfItsInbox() {
        String erin = TestApi.agentToken("erin");
        io.restassured.response.Response inbox = given().auth().oauth2(erin).contentType(ContentType.JSON)
                .body(Map.of("name", "Two-person brand")).post("/api/inboxes").then().statusCode(201).extract()
                .response();
        given().auth().oauth2(erin).contentType(ContentType.JSON).body(Map.of("agentIds", List.of("alice", "bob")))
                .put("/api/inboxes/{id}/members", inbox.<String>path("inbox.id")).then().statusCode(200);
        String name = unique("Two-person customer");
        given().contentType(ContentType.JSON)
                .body(Map.of("customerName", name, "websiteToken", inbox.path("inbox.websiteToken")))
                .post("/api/conversations").then().statusCode(201);
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = console(context);
            page.click("[data-view=open]");
            row(page, name).click();
            assertThat(page.locator("#view-title")).hasText(name);

            assertThat(page.locator("#transfer-to option")).hasCount(2);
            assertThat(page.locator("#transfer-to option").nth(1)).containsText("Bob");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void anAgentRemovedFromAnInboxLosesItsConversationsFromTheOpenConsole() {
        String erin = TestApi.agentToken("erin");
        io.restassured.response.Response inbox = given().auth().oauth2(erin).contentType(ContentType.JSON)
                .body(Map.of("name", "Alice's brand")).post("/api/inboxes").then().statusCode(201).extract().response();
        String inboxId = inbox.path("inbox.id");
        given().auth().oauth2(erin).contentType(ContentType.JSON).body(Map.of("agentIds", List.of("alice")))
                .put("/api/inboxes/{id}/members", inboxId).then().statusCode(200);
        String name = unique("Brand customer");
        io.restassured.response.Response started = given().contentType(ContentType.JSON)
                .body(Map.of("customerName", name, "websiteToken", inbox.path("inbox.websiteToken")))
                .post("/api/conversations").then().statusCode(201).extract().response();
        TestApi.post(started.path("conversation.id"), started.path("token"), "Hello brand");
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = console(context);
            page.click("[data-view=open]");
            row(page, name).click();
            assertThat(page.locator("#view-title")).hasText(name);

            given().auth().oauth2(erin).contentType(ContentType.JSON).body(Map.of("agentIds", List.of()))
                    .put("/api/inboxes/{id}/members", inboxId).then().statusCode(200);

            assertThat(row(page, name)).hasCount(0);
            assertThat(page.locator("#banner")).containsText("no longer a member");
            assertThat(page.locator("#view")).isHidden();
            Browser.screenshot(page, "console-removed-from-inbox");
        }
    }

    @Test
    void aRowPreviewsWhatThePeopleSaidNotSystemNotices() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = console(context);
            page.click("[data-view=open]");
            String name = unique("Previewed");
            Started customer = TestApi.startConversation(name);
            TestApi.post(customer.id(), customer.token(), "Is my parcel on its way?");
            assertThat(row(page, name).locator(".preview")).hasText("Is my parcel on its way?");

            given().auth().oauth2(TestApi.agentToken("bob")).contentType(ContentType.JSON).body(Map.of())
                    .post("/api/conversations/{id}/assign", customer.id()).then().statusCode(200);
            assertThat(row(page, name).locator(".assignee")).hasText("Bob");

            assertThat(row(page, name).locator(".preview")).hasText("Is my parcel on its way?");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void withTheNetworkGoneAnActionSaysSoInPlainWordsAndKeepsTheText() {
        String name = unique("Offline reply");
        Started customer = TestApi.startConversation(name);
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = console(context);
            page.navigate(root.resolve("/agent/#/conversations/" + customer.id()).toString());
            assertThat(page.locator("#view-title")).hasText(name);

            context.setOffline(true);
            page.fill("#text", "Are you still there?");
            page.press("#text", "Enter");

            assertThat(page.locator("#view-error")).hasText("No connection to the server. Check the network and try again.");
            assertThat(page.locator("#text")).hasValue("Are you still there?");
            context.setOffline(false);
        }
    }

    @Test
    void signingOutLeadsBackToTheLoginAndForgetsTheAgent() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = console(context);
            assertThat(page.locator("#console")).isVisible();

            page.click("#sign-out");

            assertThat(page.locator("#login")).isVisible();
            assertThat(page.locator("#console")).isHidden();
            page.reload();
            assertThat(page.locator("#login")).isVisible();
            assertThat(context.cookies()).noneMatch(cookie -> cookie.name.equals("livedesk_agent"));
        }
    }

    @Test
    void theSidebarShowsTheCustomersRatingAndCommentAsItArrives() {
        String name = unique("Rater");
        Started customer = TestApi.startConversation(name);
        given().auth().oauth2(TestApi.agentToken("alice")).post("/api/conversations/{id}/resolve", customer.id())
                .then().statusCode(200);
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = console(context);
            page.navigate(root.resolve("/agent/#/conversations/" + customer.id()).toString());
            assertThat(page.locator("#view-title")).hasText(name);
            assertThat(page.locator("#customer-rating")).hasText("—");

            given().auth().oauth2(customer.token()).contentType(ContentType.JSON)
                    .body(Map.of("score", 4, "comment", "Quick and kind, thanks"))
                    .post("/api/conversations/{id}/rating", customer.id()).then().statusCode(201);

            assertThat(page.locator("#customer-rating")).hasText("★★★★☆ 4/5 · “Quick and kind, thanks”");
            page.reload();
            assertThat(page.locator("#customer-rating")).hasText("★★★★☆ 4/5 · “Quick and kind, thanks”");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void timesOfEarlierDaysShowTheirDate() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext(
                new com.microsoft.playwright.Browser.NewContextOptions().setLocale("en-US").setTimezoneId("UTC"))) {
            Page page = console(context);

            Object today = page.evaluate("async () => (await import('/js/timing.js'))"
                    + ".time('2026-12-07T09:05:00Z', new Date('2026-12-07T18:00:00Z'))");
            Object earlier = page.evaluate("async () => (await import('/js/timing.js'))"
                    + ".time('2026-12-05T09:05:00Z', new Date('2026-12-07T18:00:00Z'))");
            Object lastYear = page.evaluate("async () => (await import('/js/timing.js'))"
                    + ".time('2025-11-30T09:05:00Z', new Date('2026-12-07T18:00:00Z'))");

            assertThat(today).isEqualTo("09:05 AM");
            assertThat(earlier).isEqualTo("Dec 5, 09:05 AM");
            assertThat(lastYear).isEqualTo("Nov 30, 2025, 09:05 AM");
        }
    }

    @Test
    void aViewLoadsAPageAndTheNextWhenItsEndIsScrolledTo() {
        String prefix = unique("Paged");
        String alice = TestApi.agentToken("alice");
        for (int i = 0; i < 60; i++) {
            String id = TestApi.startConversation(prefix + " #" + i).id();
            given().auth().oauth2(alice).post("/api/conversations/{id}/resolve", id).then().statusCode(200);
        }
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = console(context);
            page.click("[data-view=resolved]");
            assertThat(row(page, prefix + " #59")).hasCount(1);
            assertThat(page.locator("#list .entry")).hasCount(50);
            assertThat(row(page, prefix + " #0")).hasCount(0);

            page.locator("#list-end").scrollIntoViewIfNeeded();

            assertThat(row(page, prefix + " #0")).hasCount(1);
            assertThat(page.locator("#list .entry", new Page.LocatorOptions().setHasText(prefix))).hasCount(60);
            assertThat(errors).isEmpty();
        }
    }

    private static int titleCount(Page page) {
        java.util.regex.Matcher matcher = Pattern.compile("^\\((\\d+)\\)").matcher(page.title());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    @Test
    void aPrivateNoteShowsInTheConsoleAndNeverInTheWidget() {
        try (Browser browser = Browser.launch(); BrowserContext agentContext = browser.chromium.newContext();
             BrowserContext customerContext = browser.chromium.newContext()) {
            Page customer = customerContext.newPage();
            customer.navigate(Browser.widgetPage(root));
            customer.click("#launcher");
            String name = unique("Noted");
            customer.fill("#name", name);
            customer.click("#start button");
            customer.fill("#text", "Is my parcel lost?");
            customer.press("#text", "Enter");
            assertThat(customer.locator(".message.customer .text")).hasText("Is my parcel lost?");
            String conversationId = (String) customer.evaluate("() => localStorage.getItem('livedesk.conversation')");

            Page page = console(agentContext);
            page.navigate(root.resolve("/agent/#/conversations/" + conversationId).toString());
            assertThat(page.locator("#messages .message.customer .text")).hasText("Is my parcel lost?");
            page.click("#tab-note");
            page.fill("#text", "Courier confirmed it is lost; refund approved by Bob");
            page.press("#text", "Enter");
            assertThat(page.locator("#messages .message.note .text"))
                    .hasText("Courier confirmed it is lost; refund approved by Bob");
            page.click("#tab-reply");
            page.fill("#text", "Your parcel is lost; I have refunded you.");
            page.press("#text", "Enter");
            assertThat(customer.locator(".message.agent .text")).hasText("Your parcel is lost; I have refunded you.");
            Browser.screenshot(page, "console-note");

            customer.reload();
            assertThat(customer.locator(".message.agent .text")).hasText("Your parcel is lost; I have refunded you.");
            assertThat(customer.locator("body")).not().containsText("Courier confirmed");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void aCannedResponseIsOfferedAfterASlashAndInsertedWithEnter() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Started customer = TestApi.startConversation(unique("Canned"));
            TestApi.post(customer.id(), customer.token(), "hi");
            Page page = console(context);
            page.navigate(root.resolve("/agent/#/conversations/" + customer.id()).toString());
            assertThat(page.locator("#messages .message.customer")).hasCount(1);
            page.locator("#text").pressSequentially("/ord");
            assertThat(page.locator("#canned .canned-item").first()).containsText("/order");
            Browser.screenshot(page, "console-canned");
            page.press("#text", "Enter");
            assertThat(page.locator("#text")).hasValue(Pattern.compile("^Could you send me your order number"));
            page.press("#text", "Enter");
            assertThat(page.locator("#messages .message.agent .text"))
                    .hasText(Pattern.compile("^Could you send me your order number"));
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void theComposerPointsScreenReadersAtTheChosenCannedResponse() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Started customer = TestApi.startConversation(unique("Canned a11y"));
            Page page = console(context);
            page.navigate(root.resolve("/agent/#/conversations/" + customer.id()).toString());
            assertThat(page.locator("#view-title")).containsText("Canned a11y");

            page.locator("#text").pressSequentially("/");
            assertThat(page.locator("#canned")).isVisible();
            assertThat(page.locator("#text")).hasAttribute("aria-expanded", "true");
            assertThat(page.locator("#text")).hasAttribute("aria-activedescendant", "canned-0");
            page.press("#text", "ArrowDown");
            assertThat(page.locator("#text")).hasAttribute("aria-activedescendant", "canned-1");
            assertThat(page.locator("#canned-1")).hasAttribute("aria-selected", "true");
            page.press("#text", "Escape");

            assertThat(page.locator("#text")).hasAttribute("aria-expanded", "false");
            assertThat(page.locator("#text")).not().hasAttribute("aria-activedescendant", Pattern.compile(".*"));
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void searchFindsAConversationByAWordInItsMessages() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            String word = "kettle" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x");
            String name = unique("Searched");
            Started customer = TestApi.startConversation(name);
            TestApi.post(customer.id(), customer.token(), "The " + word + " leaks water");
            Page page = console(context);
            page.fill("#search", word);
            assertThat(row(page, name)).hasCount(1);
            assertThat(row(page, name).locator(".preview")).hasText("The " + word + " leaks water");
            page.fill("#search", "");
            assertThat(page.locator("#list .entry .preview", new Page.LocatorOptions().setHasText(word)))
                    .hasCount(0);
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void labelsTransferChoicesAndAResolvedConversationShowAsAgentsNeedThem() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            String name = unique("Sidebar");
            Map<String, Object> body = Map.of("customerName", name, "email", "side@example.com", "locale", "en-GB",
                    "page", "https://shop.example/checkout");
            String conversationId = given().contentType(ContentType.JSON).header("User-Agent",
                            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36")
                    .body(body).post("/api/conversations").then().statusCode(201).extract().path("conversation.id");
            Page page = console(context);
            page.navigate(root.resolve("/agent/#/conversations/" + conversationId).toString());
            assertThat(page.locator("#customer-email")).hasText("side@example.com");
            assertThat(page.locator("#customer-page")).hasText("https://shop.example/checkout");
            assertThat(page.locator("#customer-browser")).hasText("Chrome on Android");

            page.fill("#label-input", "vip");
            page.press("#label-input", "Enter");
            assertThat(page.locator("#labels .chip")).hasText(new String[]{"vip×"});
            page.click("[data-view=open]");
            assertThat(row(page, name).locator(".chip")).hasText("vip");
            assertThat(page.locator("#label-filter option[value=vip]")).hasCount(1);

            assertThat(page.locator("#transfer-to option[value=bob]")).isDisabled();
            assertThat(page.locator("#transfer-to option[value=bob]")).containsText("offline");
            Browser.screenshot(page, "console-sidebar");

            page.click("#resolve");
            assertThat(page.locator("#closed")).isVisible();
            assertThat(page.locator("#text")).isDisabled();
            page.click("#reopen");
            assertThat(page.locator("#closed")).isHidden();
            assertThat(page.locator("#text")).isEnabled();
            assertThat(page.locator("#view-status")).hasText("Assigned to You");

            page.setViewportSize(390, 844);
            assertThat(page.locator("#composer")).isVisible();
            Browser.screenshot(page, "console-phone");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void afterATransferTheOldOwnerSeesTheNewOwnerTheirLoadAndNoClaim() {
        String name = unique("Handed to bob");
        Started customer = TestApi.startConversation(name);
        given().auth().oauth2(TestApi.agentToken("alice")).contentType(ContentType.JSON).body(Map.of())
                .post("/api/conversations/{id}/assign", customer.id()).then().statusCode(200);
        TestApi.setStatus(TestApi.agentToken("bob"), "AWAY");
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page page = console(context);
            page.navigate(root.resolve("/agent/#/conversations/" + customer.id()).toString());
            assertThat(page.locator("#view-status")).hasText("Assigned to You");
            int before = given().auth().oauth2(TestApi.agentToken("alice")).get("/api/agents").then().statusCode(200)
                    .extract().path("find { it.id == 'bob' }.openConversations");
            Locator bob = page.locator("#transfer-to option[value=bob]");
            assertThat(bob).containsText("away · " + before + " open");
            page.selectOption("#transfer-to", "bob");
            page.click("#transfer");
            assertThat(page.locator("#view-status")).hasText("Assigned to Bob");
            assertThat(page.locator("#claim")).isHidden();
            assertThat(bob).containsText("away · " + (before + 1) + " open");
            assertThat(errors).isEmpty();
        } finally {
            TestApi.setStatus(TestApi.agentToken("bob"), "OFFLINE");
        }
    }

    @Test
    void anAgentSeesWhichColleagueHasTheConversationOpenAndIsTypingInIt() {
        String name = unique("Shared");
        Started customer = TestApi.startConversation(name);
        Started elsewhere = TestApi.startConversation(unique("Elsewhere"));
        try (Browser browser = Browser.launch(); BrowserContext aliceContext = browser.chromium.newContext();
             BrowserContext bobContext = browser.chromium.newContext()) {
            Page alice = console(aliceContext);
            alice.click("[data-view=queue]");
            Page bob = Browser.agentConsole(bobContext, root, "bob");
            bob.navigate(root.resolve("/agent/#/conversations/" + customer.id()).toString());

            assertThat(row(alice, name).locator(".viewers")).hasText("Bob viewing");
            row(alice, name).click();
            assertThat(alice.locator("#collision")).hasText("Bob is viewing this conversation");
            assertThat(bob.locator("#collision")).hasText("Alice is viewing this conversation");
            // Alice's stream of the conversation may still be opening when Bob starts: he goes on typing, as people do.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() -> {
                bob.locator("#text").pressSequentially("Let me check ");
                assertThat(alice.locator("#collision")).hasText("Bob is typing…",
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(1500));
            });
            Browser.screenshot(alice, "console-collision");
            alice.setViewportSize(390, 844);
            assertThat(alice.locator("#collision")).isVisible();
            Browser.screenshot(alice, "console-collision-phone");
            alice.setViewportSize(1280, 720);

            bob.navigate(root.resolve("/agent/#/conversations/" + elsewhere.id()).toString());
            assertThat(alice.locator("#collision")).isHidden();
            assertThat(row(alice, name).locator(".viewers")).hasCount(0);
        }
    }

    @Test
    void onlyASupervisorIsOfferedToMoveAColleaguesConversation() {
        String name = unique("Held by alice");
        Started customer = TestApi.startConversation(name);
        given().auth().oauth2(TestApi.agentToken("alice")).contentType(ContentType.JSON).body(Map.of())
                .post("/api/conversations/{id}/assign", customer.id()).then().statusCode(200);
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page bob = Browser.agentConsole(context, root, "bob");
            assertThat(bob.locator("#reports-link")).isHidden();
            bob.navigate(root.resolve("/agent/#/conversations/" + customer.id()).toString());
            assertThat(bob.locator("#view-status")).hasText("Assigned to Alice");
            assertThat(bob.locator("#transfer-to")).isHidden();
        }
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            Page alice = console(context);
            given().auth().oauth2(TestApi.agentToken("bob")).contentType(ContentType.JSON).body(Map.of("agentId", "bob"))
                    .post("/api/conversations/{id}/assign", customer.id()).then().statusCode(403);
            alice.navigate(root.resolve("/agent/#/conversations/" + customer.id()).toString());
            assertThat(alice.locator("#view-title")).hasText(name);
            assertThat(alice.locator("#transfer-to")).isVisible();
        }
    }
}
