package dev.livedesk.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.sun.net.httpserver.HttpServer;
import dev.livedesk.support.TestApi;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-line snippet on another site, in Chromium with third-party cookies blocked: a shop's page on
 * {@code localhost} (a small HTTP server of the test's own) holds the snippet of LiveDesk on {@code 127.0.0.1}, a
 * different site, so the chat's iframe is third-party and gets no cookie.
 */
@Tag("browser")
@QuarkusTest
@TestProfile(BrowserProfile.class)
class SnippetInBrowserTest {

    @TestHTTPResource("/")
    URI root;

    private HttpServer shop;
    private volatile String page = "";

    @BeforeEach
    void startShop() throws IOException {
        shop = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        shop.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        shop.start();
    }

    @AfterEach
    void stopShop() {
        shop.stop(0);
    }

    private String shopOrigin() {
        return "http://localhost:" + shop.getAddress().getPort();
    }

    /** LiveDesk as the shop's page reaches it: by address, another site than localhost. */
    private String desk() {
        return "http://127.0.0.1:" + root.getPort();
    }

    /** A new inbox of bob's and alice's, allowing the given origins; answers its website token. */
    private static String inbox(List<String> allowedOrigins) {
        return site(allowedOrigins).websiteToken();
    }

    /** An inbox's public token and the secret its website's server signs identifiers with. */
    private record Site(String websiteToken, String identitySecret) {
        String hash(String identifier) {
            return java.util.HexFormat.of().formatHex(
                    dev.livedesk.customer.IdentityServiceAccess.hmac(identitySecret, identifier));
        }
    }

    private static Site site(List<String> allowedOrigins) {
        io.restassured.path.json.JsonPath inbox = given().auth().oauth2(TestApi.agentToken("erin"))
                .contentType(ContentType.JSON).body(Map.of("name", "Shop", "allowedOrigins", allowedOrigins))
                .post("/api/inboxes").then().statusCode(201).extract().jsonPath();
        given().auth().oauth2(TestApi.agentToken("erin")).contentType(ContentType.JSON)
                .body(Map.of("agentIds", List.of("bob", "alice")))
                .put("/api/inboxes/{id}/members", inbox.getString("inbox.id")).then().statusCode(200);
        return new Site(inbox.getString("inbox.websiteToken"), inbox.getString("inbox.identitySecret"));
    }

    /** The conversation the shop's page keeps for its customer. */
    private static String keptConversation(Page shopper) {
        return (String) shopper.evaluate(
                "() => Object.entries(localStorage).map(([k, v]) => JSON.parse(v).conversation)[0] || null");
    }

    /** Opens the chat (unless it is open), starts a conversation and sends a message, as a shopper does. */
    private static void chatAndSay(FrameLocator chat, String text) {
        if (chat.locator("#launcher").isVisible()) {
            chat.locator("#launcher").click();
        }
        chat.locator("#start button").click();
        chat.locator("#text").fill(text);
        chat.locator("#text").press("Enter");
        assertThat(chat.locator(".message.mine .text").last()).hasText(text);
    }

    private static void setUser(Page shopper, String identifier, String hash) {
        shopper.evaluate("([id, hash]) => window.LiveDesk.setUser(id, { name: 'Ann Lee', identifierHash: hash })",
                List.of(identifier, hash));
    }

    private void serve(String websiteToken, String head, String beforeSnippet) {
        page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>A shop</title>" + head + "</head><body>"
                + "<h1>A shop elsewhere</h1>" + beforeSnippet
                + "<script src=\"" + desk() + "/sdk.js\" data-website-token=\"" + websiteToken + "\" async></script>"
                + "</body></html>";
    }

    private Page shopPage(BrowserContext context) {
        Page shopper = context.newPage();
        shopper.navigate(shopOrigin() + "/");
        return shopper;
    }

    /** The shop's page in a browser context, its customer identified by the website with a valid hash. */
    private Page identified(BrowserContext context, Site site, String identifier) {
        Page shopper = shopPage(context);
        shopper.waitForFunction("() => window.LiveDesk && window.LiveDesk.version");
        setUser(shopper, identifier, site.hash(identifier));
        return shopper;
    }

    @Test
    void theSnippetPutsALiveChatOnAnotherSiteWithThirdPartyCookiesBlocked() {
        serve(inbox(List.of(shopOrigin())), "", "");
        try (Browser browser = Browser.launchWithThirdPartyCookiesBlocked();
             BrowserContext context = browser.chromium.newContext()) {
            Page shopper = shopPage(context);
            FrameLocator chat = shopper.frameLocator("iframe[title=Chat]");
            chat.locator("#launcher").click();
            chat.locator("#name").fill("Shopper");
            chat.locator("#start button").click();
            chat.locator("#text").fill("Where is my parcel? I want to talk to a person");
            chat.locator("#text").press("Enter");
            assertThat(chat.locator(".message.mine .text").last()).hasText("Where is my parcel? I want to talk to a person");

            String conversationId = keptConversation(shopper);
            TestApi.post(conversationId, TestApi.agentToken("bob"), "Hello from Bob, on it.");

            assertThat(chat.locator(".message.agent .text").last()).hasText("Hello from Bob, on it.");
            assertThat(chat.locator("body").evaluate("async () => String(await document.hasStorageAccess())"))
                    .as("the frame has no access to its cookies or storage").isEqualTo("false");
            assertThat(context.cookies(desk())).as("no cookie of LiveDesk's was stored or needed").isEmpty();
            Browser.screenshot(shopper, "snippet-on-another-site");
        }
    }

    @Test
    void aReloadOfTheShopsPageResumesTheConversation() {
        serve(inbox(List.of(shopOrigin())), "", "");
        try (Browser browser = Browser.launchWithThirdPartyCookiesBlocked();
             BrowserContext context = browser.chromium.newContext()) {
            Page shopper = shopPage(context);
            FrameLocator chat = shopper.frameLocator("iframe[title=Chat]");
            chatAndSay(chat, "Remember me");

            shopper.reload();

            assertThat(shopper.frameLocator("iframe[title=Chat]").locator(".message.mine .text").last())
                    .hasText("Remember me");
        }
    }

    @Test
    void theDemoShopRunsTheSameSnippetAndOnAPhoneTheOpenChatFillsTheScreen() {
        try (Browser browser = Browser.launchWithThirdPartyCookiesBlocked();
             BrowserContext context = browser.chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                     .setViewportSize(375, 740))) {
            Page shopper = context.newPage();
            shopper.navigate(root.toString());
            assertThat(shopper.locator("script[src='/sdk.js'][data-website-token]")).hasCount(1);
            FrameLocator chat = shopper.frameLocator("iframe[title=Chat]");
            Browser.screenshot(shopper, "demo-shop-phone-closed");

            chat.locator("#launcher").click();
            chat.locator("#start button").click();

            assertThat(chat.locator(".message.bot .text").first()).containsText("assistant");
            com.microsoft.playwright.options.BoundingBox box = shopper.locator("iframe[title=Chat]").boundingBox();
            assertThat(box.width).isEqualTo(375);
            assertThat(box.height).isEqualTo(740);
            Browser.screenshot(shopper, "demo-shop-phone-open");
        }
    }

    @Test
    void setUserWithAValidHashMakesAVerifiedCustomerWhoseConversationFollowsThemToAnotherBrowser() {
        Site shopSite = site(List.of(shopOrigin()));
        serve(shopSite.websiteToken(), "", "<script>window.addEventListener('livedesk:identity',"
                + " (e) => { window.identity = e.detail; });</script>");
        try (Browser browser = Browser.launchWithThirdPartyCookiesBlocked();
             BrowserContext laptop = browser.chromium.newContext();
             BrowserContext phone = browser.chromium.newContext()) {
            Page first = identified(laptop, shopSite, "customer-77");
            first.waitForFunction("() => window.identity && window.identity.verified === true");
            FrameLocator chat = first.frameLocator("iframe[title=Chat]");
            chat.locator("#launcher").click();
            assertThat(chat.locator("#name")).hasValue("Ann Lee");
            chat.locator("#start button").click();
            chat.locator("#text").fill("Sent from my laptop");
            chat.locator("#text").press("Enter");
            assertThat(chat.locator(".message.mine .text").last()).hasText("Sent from my laptop");
            String conversationId = keptConversation(first);
            given().auth().oauth2(TestApi.agentToken("alice")).get("/api/conversations/{id}", conversationId).then()
                    .statusCode(200).body("conversation.customer.identifier", org.hamcrest.Matchers.equalTo("customer-77"))
                    .body("conversation.customer.verified", org.hamcrest.Matchers.equalTo(true));

            Page second = identified(phone, shopSite, "customer-77");

            FrameLocator again = second.frameLocator("iframe[title=Chat]");
            assertThat(again.locator(".message.mine .text").last()).hasText("Sent from my laptop");
            TestApi.post(conversationId, TestApi.agentToken("bob"), "Bob answers on both devices.");
            assertThat(again.locator(".message.agent .text").last()).hasText("Bob answers on both devices.");
            assertThat(chat.locator(".message.agent .text").last()).hasText("Bob answers on both devices.");
        }
    }

    @Test
    void aVerifiedCustomerFindsTheirEarlierConversationsOnAnotherBrowserAndAReplyAfterReopeningReachesThem() {
        Site shopSite = site(List.of(shopOrigin()));
        serve(shopSite.websiteToken(), "", "<script>window.addEventListener('livedesk:unread',"
                + " (e) => { window.unread = e.detail.count; });</script>");
        try (Browser browser = Browser.launchWithThirdPartyCookiesBlocked();
             BrowserContext laptop = browser.chromium.newContext();
             BrowserContext phone = browser.chromium.newContext()) {
            Page first = identified(laptop, shopSite, "customer-88");
            FrameLocator chat = first.frameLocator("iframe[title=Chat]");
            chatAndSay(chat, "My order 88 never came");
            String conversationId = keptConversation(first);
            given().auth().oauth2(TestApi.agentToken("bob")).post("/api/conversations/{id}/resolve", conversationId)
                    .then().statusCode(200);

            Page second = identified(phone, shopSite, "customer-88");
            FrameLocator again = second.frameLocator("iframe[title=Chat]");
            again.locator("#launcher").click();
            assertThat(again.locator("#earlier-list button")).hasCount(1);
            Browser.screenshot(second, "snippet-earlier-conversations");
            again.locator("#earlier-list button").click();
            assertThat(again.locator(".message.mine .text").first()).hasText("My order 88 never came");
            assertThat(again.locator("#desk-status")).hasText("This chat has ended");
            again.locator("#close").click();

            given().auth().oauth2(TestApi.agentToken("bob")).post("/api/conversations/{id}/reopen", conversationId)
                    .then().statusCode(200);
            TestApi.post(conversationId, TestApi.agentToken("bob"), "It is on its way again.");

            assertThat(again.locator("#unread")).hasText("1");
            second.waitForFunction("() => window.unread === 1");
            again.locator("#launcher").click();
            assertThat(again.locator(".message.agent .text").last()).hasText("It is on its way again.");
        }
    }

    @Test
    void aWrongHashIsRefusedAndTheCustomerStaysAnonymous() {
        Site shopSite = site(List.of(shopOrigin()));
        serve(shopSite.websiteToken(), "", "<script>window.addEventListener('livedesk:identity',"
                + " (e) => { window.identity = e.detail; });</script>");
        try (Browser browser = Browser.launchWithThirdPartyCookiesBlocked();
             BrowserContext context = browser.chromium.newContext()) {
            Page shopper = shopPage(context);
            shopper.waitForFunction("() => window.LiveDesk && window.LiveDesk.version");
            setUser(shopper, "customer-78", shopSite.hash("someone-else"));

            shopper.waitForFunction("() => window.identity && window.identity.error === 'invalid-identity'");
            FrameLocator chat = shopper.frameLocator("iframe[title=Chat]");
            chatAndSay(chat, "Who am I?");
            given().auth().oauth2(TestApi.agentToken("alice")).get("/api/conversations/{id}", keptConversation(shopper))
                    .then().statusCode(200).body("conversation.customer.identifier", org.hamcrest.Matchers.nullValue());
        }
    }

    @Test
    void resetForgetsTheCustomerInThisBrowser() {
        serve(inbox(List.of(shopOrigin())), "", "");
        try (Browser browser = Browser.launchWithThirdPartyCookiesBlocked();
             BrowserContext context = browser.chromium.newContext()) {
            Page shopper = shopPage(context);
            FrameLocator chat = shopper.frameLocator("iframe[title=Chat]");
            chatAndSay(chat, "Before signing out");

            shopper.evaluate("() => window.LiveDesk.reset()");

            assertThat(chat.locator("#start")).isVisible();
            assertThat(chat.locator(".message")).hasCount(0);
            assertThat(shopper.evaluate("() => localStorage.length")).isEqualTo(0);
            shopper.reload();
            FrameLocator after = shopper.frameLocator("iframe[title=Chat]");
            after.locator("#launcher").click();
            assertThat(after.locator("#start")).isVisible();
        }
    }

    @Test
    void theChatCarriesItsInboxsNameAndColour() {
        String websiteToken = given().auth().oauth2(TestApi.agentToken("erin")).contentType(ContentType.JSON)
                .body(Map.of("name", "Brand help", "allowedOrigins", List.of(shopOrigin()), "color", "#8a2be2"))
                .post("/api/inboxes").then().statusCode(201).extract().path("inbox.websiteToken");
        serve(websiteToken, "", "");
        try (Browser browser = Browser.launchWithThirdPartyCookiesBlocked();
             BrowserContext context = browser.chromium.newContext()) {
            FrameLocator chat = shopPage(context).frameLocator("iframe[title=Chat]");

            assertThat(chat.locator("#launcher")).hasCSS("background-color", "rgb(138, 43, 226)");
            chat.locator("#launcher").click();
            assertThat(chat.locator("#chat-title")).hasText("Brand help");
            assertThat(chat.locator(".chat-header")).hasCSS("background-color", "rgb(138, 43, 226)");
        }
    }

    @Test
    void theChatFollowsItsInboxsBusinessHours() {
        String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2).getDayOfWeek()
                .getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH).toLowerCase();
        String websiteToken = given().auth().oauth2(TestApi.agentToken("erin")).contentType(ContentType.JSON)
                .body(Map.of("name", "Weekly", "allowedOrigins", List.of(shopOrigin()),
                        "hours", Map.of("timezone", "UTC", "weekly", day + " 10:00-11:00")))
                .post("/api/inboxes").then().statusCode(201).extract().path("inbox.websiteToken");
        serve(websiteToken, "", "");
        try (Browser browser = Browser.launchWithThirdPartyCookiesBlocked();
             BrowserContext context = browser.chromium.newContext()) {
            FrameLocator chat = shopPage(context).frameLocator("iframe[title=Chat]");
            chat.locator("#launcher").click();

            assertThat(chat.locator("#desk-status")).containsText("We are closed right now");
        }
    }

    @Test
    void setLocaleSwitchesTheChatsLanguage() {
        serve(inbox(List.of(shopOrigin())), "", "");
        try (Browser browser = Browser.launchWithThirdPartyCookiesBlocked();
             BrowserContext context = browser.chromium.newContext()) {
            Page shopper = shopPage(context);
            assertThat(shopper.frameLocator("iframe[title=Chat]").locator("#launcher-text")).hasText("Chat with us");

            shopper.evaluate("() => window.LiveDesk.setLocale('zh-CN')");

            assertThat(shopper.frameLocator("iframe[title=Chat]").locator("#launcher-text")).hasText("在线客服");
        }
    }

    @Test
    void aSiteNotAllowedCannotShowTheWidget() {
        String websiteToken = inbox(List.of("https://elsewhere.example"));
        serve(websiteToken, "", "");
        given().get("/embed/{token}", websiteToken).then().statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.endsWith(
                        "frame-ancestors https://elsewhere.example"))
                .header("X-Frame-Options", org.hamcrest.Matchers.nullValue());
        try (Browser browser = Browser.launchWithThirdPartyCookiesBlocked();
             BrowserContext context = browser.chromium.newContext()) {
            List<String> console = new java.util.concurrent.CopyOnWriteArrayList<>();
            context.onConsoleMessage(message -> console.add(message.text()));
            Page shopper = shopPage(context);
            assertThat(shopper.locator("iframe[title=Chat]")).hasCount(1);

            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> console.stream().anyMatch(text -> text.contains("frame-ancestors")));
            assertThat(shopper.frameLocator("iframe[title=Chat]").locator("#launcher")).hasCount(0);
        }
    }

    @Test
    void theShopsHostileStylesLeaveTheWidgetIntact() {
        serve(inbox(List.of(shopOrigin())), "<style>iframe { display: none !important; width: 0 !important; "
                + "height: 0 !important; } * { font-size: 2px !important; color: red !important; } "
                + "button { display: none !important; }</style>", "");
        try (Browser browser = Browser.launchWithThirdPartyCookiesBlocked();
             BrowserContext context = browser.chromium.newContext()) {
            Page shopper = shopPage(context);
            FrameLocator chat = shopper.frameLocator("iframe[title=Chat]");

            assertThat(chat.locator("#launcher")).isVisible();
            chat.locator("#launcher").click();
            assertThat(chat.locator("#chat")).isVisible();
            Object box = shopper.locator("iframe[title=Chat]").boundingBox();
            assertThat(box).isNotNull();
            assertThat(shopper.locator("iframe[title=Chat]").boundingBox().width).isGreaterThan(300);
            Browser.screenshot(shopper, "snippet-hostile-styles");
        }
    }

    @Test
    void thePageApiOpensTheChatRunsCallsMadeBeforeItLoadedAndTellsOfUnreadMessages() {
        serve(inbox(List.of(shopOrigin())), "", "<script>window.LiveDesk = [['open']];"
                + " window.addEventListener('livedesk:ready', () => { window.ready = true; });"
                + " window.addEventListener('livedesk:unread', (e) => { window.unread = e.detail.count; });</script>");
        try (Browser browser = Browser.launchWithThirdPartyCookiesBlocked();
             BrowserContext context = browser.chromium.newContext()) {
            Page shopper = shopPage(context);
            FrameLocator chat = shopper.frameLocator("iframe[title=Chat]");

            assertThat(chat.locator("#chat")).isVisible();
            shopper.waitForFunction("() => window.ready === true");
            chat.locator("#start button").click();
            chat.locator("#text").fill("Call me back please, a person");
            chat.locator("#text").press("Enter");
            assertThat(chat.locator(".message.mine .text").last()).hasText("Call me back please, a person");
            shopper.evaluate("() => window.LiveDesk.close()");
            assertThat(chat.locator("#launcher")).isVisible();
            String conversationId = keptConversation(shopper);

            TestApi.post(conversationId, TestApi.agentToken("bob"), "Bob here.");

            shopper.waitForFunction("() => window.unread === 1");
            assertThat(chat.locator("#unread")).hasText("1",
                    new LocatorAssertions.HasTextOptions().setTimeout(5000));
        }
    }
}
