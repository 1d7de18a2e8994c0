package dev.livedesk.web;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The team lead's reports page in real headless Chromium: reached from the console by a supervisor, its figures and
 * charts drawn, another range shown on request, a new rating moving the average and its comment appearing without a
 * reload, empty conversations shown apart, and a plain agent told that reports are for supervisors. Browsers run in UTC, so the page's default range is the API's.
 */
@Tag("browser")
@QuarkusTest
class ReportsInBrowserTest {

    /**
     * Counts a chart's coloured pixels (the series' blue bars and amber line; the axes, grid and labels are grey or
     * black): a chart with data drawn has many, an empty frame none.
     */
    private static final String SERIES_PIXELS = """
            (canvas) => {
              const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let count = 0;
              for (let i = 0; i < data.length; i += 4) {
                const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
                if (a > 100 && Math.max(r, g, b) - Math.min(r, g, b) > 80) {
                  count++;
                }
              }
              return count;
            }""";

    @TestHTTPResource("/")
    URI root;

    private final List<String> errors = new CopyOnWriteArrayList<>();

    private BrowserContext context(Browser browser) {
        BrowserContext context = browser.chromium.newContext(new NewContextOptions().setTimezoneId("UTC"));
        context.onWebError(error -> errors.add(error.error()));
        context.onConsoleMessage(message -> {
            if ("error".equals(message.type()) && !message.text().contains("status of 40")) {
                errors.add(message.text());
            }
        });
        return context;
    }

    /** A conversation bob answered and resolved, rated by its customer. */
    private static void rated(int score) {
        rated(score, null);
    }

    private static void rated(int score, String comment) {
        Started customer = TestApi.startConversation("Rated " + score);
        TestApi.post(customer.id(), customer.token(), "Where is my order?");
        String bob = TestApi.agentToken("bob");
        given().auth().oauth2(bob).contentType(ContentType.JSON).body(Map.of())
                .post("/api/conversations/{id}/assign", customer.id()).then().statusCode(200);
        TestApi.post(customer.id(), bob, "Happy to help");
        given().auth().oauth2(bob).post("/api/conversations/{id}/resolve", customer.id()).then().statusCode(200);
        Map<String, Object> rating = comment == null ? Map.of("score", score) : Map.of("score", score, "comment", comment);
        given().auth().oauth2(customer.token()).contentType(ContentType.JSON).body(rating)
                .post("/api/conversations/{id}/rating", customer.id()).then().statusCode(201);
    }

    private Page reports(BrowserContext context) {
        Page console = Browser.agentConsole(context, root);
        assertThat(console.locator("#reports-link")).isVisible();
        console.click("#reports-link");
        assertThat(console).hasURL(Pattern.compile("/agent/reports/"));
        assertThat(console.locator("#connection")).hasText("● live");
        return console;
    }

    private static int seriesPixels(Page page, String chart) {
        return ((Number) page.locator("#" + chart + " canvas").evaluate(SERIES_PIXELS)).intValue();
    }

    @Test
    void aSupervisorSeesTheFiguresChartsAndAgentsOfTheLastSevenDays() {
        rated(4);
        rated(5);
        try (Browser browser = Browser.launch(); BrowserContext context = context(browser)) {
            Page page = reports(context);
            int conversations = given().auth().oauth2(TestApi.agentToken("alice")).get("/api/reports/summary?tz=UTC")
                    .then().statusCode(200).extract().path("conversations");
            assertThat(page.locator("#f-conversations")).hasText(String.valueOf(conversations));
            assertThat(page.locator("#f-first-response")).hasText(Pattern.compile("\\d+ (s|min|h|d)"));
            assertThat(page.locator("#agents tr", new Page.LocatorOptions().setHasText("Bob"))).hasCount(1);
            for (String chart : List.of("c-hours", "c-first-response", "c-resolution", "c-ratings")) {
                assertThat(seriesPixels(page, chart)).as("series drawn in %s", chart).isGreaterThan(200);
            }
            Browser.screenshot(page, "reports");
            page.setViewportSize(375, 740);
            page.waitForFunction("() => [...document.querySelectorAll('.chart canvas')]"
                    + ".every((canvas) => canvas.getBoundingClientRect().right <= 375)");
            Object cellsOutside = page.evaluate("() => [...document.querySelectorAll('#agents td')]"
                    + ".filter((cell) => cell.getBoundingClientRect().right > 375).length");
            assertThat(cellsOutside).as("agents' figures cut off at phone width").isEqualTo(0);
            assertThat(page.locator("#agents tr", new Page.LocatorOptions().setHasText("Bob")).locator("td").nth(3))
                    .isVisible();
            Browser.screenshot(page, "reports-phone");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void aSupervisorOfSeveralInboxesPicksOne() {
        String erin = TestApi.agentToken("erin");
        io.restassured.response.Response inbox = given().auth().oauth2(erin)
                .contentType(io.restassured.http.ContentType.JSON).body(java.util.Map.of("name", "Reports brand"))
                .post("/api/inboxes").then().statusCode(201).extract().response();
        String inboxId = inbox.path("inbox.id");
        given().auth().oauth2(erin).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("agentIds", List.of("alice"))).put("/api/inboxes/{id}/members", inboxId)
                .then().statusCode(200);
        io.restassured.response.Response started = given().contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("customerName", "Brand customer", "websiteToken",
                        inbox.<String>path("inbox.websiteToken")))
                .post("/api/conversations").then().statusCode(201).extract().response();
        TestApi.post(started.path("conversation.id"), started.path("token"), "Where is my brand order?");
        try (Browser browser = Browser.launch(); BrowserContext context = context(browser)) {
            Page page = reports(context);
            assertThat(page.locator("#inbox-choice")).isVisible();

            page.selectOption("#inbox", inboxId);

            assertThat(page.locator("#f-conversations")).hasText("1");
            assertThat(page.locator("#csv")).hasAttribute("href", Pattern.compile("inbox=" + inboxId));
            assertThat(page).hasURL(Pattern.compile("inbox=" + inboxId));
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void anotherRangeShowsThatRangesFigures() {
        try (Browser browser = Browser.launch(); BrowserContext context = context(browser)) {
            Page page = reports(context);
            page.fill("#from", "2020-01-01");
            page.fill("#to", "2020-01-02");
            page.fill("#tz", "Asia/Shanghai");
            page.click("#range button[type=submit]");
            assertThat(page.locator("#f-conversations")).hasText("0");
            assertThat(page.locator("#f-rating")).hasText("–");
            assertThat(page).hasURL(Pattern.compile("from=2020-01-01&to=2020-01-02&tz=Asia%2FShanghai"));
            assertThat(page.locator("#csv")).hasAttribute("href",
                    "/api/reports/conversations.csv?from=2020-01-01&to=2020-01-02&tz=Asia%2FShanghai");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void aNewRatingMovesTheAverageWithoutAReload() {
        rated(5);
        try (Browser browser = Browser.launch(); BrowserContext context = context(browser)) {
            Page page = reports(context);
            assertThat(page.locator("#f-rating-count")).hasText(Pattern.compile("\\d+ ratings?"));
            rated(1);
            Map<String, Object> rating = given().auth().oauth2(TestApi.agentToken("alice"))
                    .get("/api/reports/summary?tz=UTC").then().statusCode(200).extract().path("rating");
            double average = ((Number) rating.get("average")).doubleValue();
            int count = ((Number) rating.get("count")).intValue();
            assertThat(page.locator("#f-rating-count")).hasText(count + " ratings");
            assertThat(page.locator("#f-rating")).hasText(String.format(Locale.ROOT, "%.2f / 5", average));
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void aNewCommentAppearsFirstAmongRecentRatingsWithoutAReload() {
        rated(4);
        try (Browser browser = Browser.launch(); BrowserContext context = context(browser)) {
            Page page = reports(context);
            assertThat(page.locator("#ratings li").first()).isVisible();
            rated(2, "<b>Waited</b> too long");
            assertThat(page.locator("#ratings li").first().locator(".comment")).hasText("<b>Waited</b> too long");
            assertThat(page.locator("#ratings li").first().locator(".score")).hasAttribute("aria-label", "2 of 5");
            assertThat(page.locator("#ratings li").first()).containsText("Bob");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void emptyConversationsAreShownApartFromTheCount() {
        TestApi.startConversation("Opened the widget and left");
        try (Browser browser = Browser.launch(); BrowserContext context = context(browser)) {
            Page page = reports(context);
            Map<String, Object> summary = given().auth().oauth2(TestApi.agentToken("alice"))
                    .get("/api/reports/summary?tz=UTC").then().statusCode(200).extract().path("");
            assertThat(((Number) summary.get("empty")).intValue()).isPositive();
            assertThat(page.locator("#f-conversations-detail")).hasText(summary.get("open") + " still with the assistant · "
                    + summary.get("empty") + " empty, not counted");
            assertThat(page.locator("#f-reopened")).hasText(summary.get("reopened") + " came back");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationOnTheReports() {
        rated(3, "Fine in the end");
        try (Browser browser = Browser.launch(); BrowserContext context = context(browser)) {
            Page page = reports(context);
            assertThat(page.locator("#ratings li").first()).isVisible();
            assertThat(Browser.seriousViolations(page, "body")).isEmpty();
            page.setViewportSize(375, 740);
            assertThat(Browser.seriousViolations(page, "body")).as("at phone width").isEmpty();
        }
    }

    @Test
    void aPlainAgentIsToldReportsAreForSupervisors() {
        try (Browser browser = Browser.launch(); BrowserContext context = context(browser)) {
            Page page = Browser.agentConsole(context, root, "bob");
            assertThat(page.locator("#reports-link")).isHidden();
            page.navigate(root.resolve("/agent/reports").toString());
            assertThat(page.locator("#problem")).hasText("Reports are for supervisors. Ask a supervisor for access.");
            assertThat(page.locator("#report")).isHidden();
        }
    }
}
