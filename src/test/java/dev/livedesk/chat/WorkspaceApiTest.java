package dev.livedesk.chat;

import dev.livedesk.support.SseClient;
import dev.livedesk.support.SseEvent;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The agents' workspace over HTTP: notes, labels, canned responses, search, the customer's profile, views. */
@Tag("quarkus")
@QuarkusTest
class WorkspaceApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SECRET_NOTE = "internal: customer seems upset 客户不满";

    @TestHTTPResource("/")
    URI root;

    private static String alice() {
        return TestApi.agentToken("alice");
    }

    private static Response note(String conversationId, String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/conversations/{id}/notes", conversationId);
    }

    private static Response labels(String conversationId, String token, List<String> labels) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("labels", labels))
                .put("/api/conversations/{id}/labels", conversationId);
    }

    private SseClient customerStream(Started conversation, Map<String, String> extra) {
        Map<String, String> headers = new java.util.HashMap<>(extra);
        headers.put("Authorization", "Bearer " + conversation.token());
        return SseClient.open(root.resolve("/api/conversations/" + conversation.id() + "/events"), headers);
    }

    private static Started startWith(Map<String, Object> body, String userAgent) {
        Response response = given().contentType(ContentType.JSON).header("User-Agent", userAgent).body(body)
                .post("/api/conversations").then().statusCode(201).extract().response();
        return new Started(response.path("conversation.id"), response.path("token"));
    }

    @Test
    void aNoteReachesAgentsAndNeverTheCustomer() {
        Started conversation = TestApi.startConversation("Noted");
        long before = TestApi.post(conversation.id(), conversation.token(), "hello");
        try (SseClient customer = customerStream(conversation, Map.of());
             SseClient agents = SseClient.open(root.resolve("/api/agents/events?lastEventId=" + before), alice())) {
            await().atMost(WAIT).until(() -> !customer.retries().isEmpty() && !agents.retries().isEmpty());
            Response posted = note(conversation.id(), alice(), Map.of("text", SECRET_NOTE));
            posted.then().statusCode(201)
                    .body("note.conversationId", equalTo(conversation.id()))
                    .body("note.author.id", equalTo("alice"))
                    .body("note.author.name", equalTo("Alice"))
                    .body("note.text", equalTo(SECRET_NOTE));
            long noteEvent = posted.<Number>path("eventId").longValue();
            long after = TestApi.post(conversation.id(), conversation.token(), "still there?");

            await().atMost(WAIT).until(() -> agents.ids().contains(after) && customer.ids().contains(after));
            SseEvent onAgents = agents.events("note").get(0);
            assertThat(onAgents.numericId()).isEqualTo(noteEvent);
            assertThat(onAgents.<String>json("note.text")).isEqualTo(SECRET_NOTE);
            assertThat(customer.ids()).doesNotContain(noteEvent);
            assertThat(customer.events()).noneMatch(event -> event.data().contains("upset"));
        }
        for (Map<String, String> resume : List.of(Map.<String, String>of(), Map.of("Last-Event-ID",
                Long.toString(before)))) {
            try (SseClient replay = customerStream(conversation, resume)) {
                await().atMost(WAIT).until(() -> replay.events("message").size() >= (resume.isEmpty() ? 2 : 1));
                assertThat(replay.events()).noneMatch(event -> "note".equals(event.event())
                        || event.data().contains("upset"));
            }
        }
        given().auth().oauth2(conversation.token()).get("/api/conversations/{id}/messages", conversation.id())
                .then().statusCode(200).body("messages.kind", not(hasItem("note")))
                .body(not(org.hamcrest.Matchers.containsString("upset")));
        given().auth().oauth2(conversation.token()).get("/api/conversations/{id}", conversation.id())
                .then().statusCode(200).body(not(org.hamcrest.Matchers.containsString("upset")));
        given().auth().oauth2(alice()).get("/api/conversations/{id}/messages", conversation.id())
                .then().statusCode(200)
                .body("messages.kind", equalTo(List.of("message", "note", "message")))
                .body("messages[1].note.text", equalTo(SECRET_NOTE));
    }

    @Test
    void onlyAgentsWriteNotesAndANoteNeedsText() {
        Started conversation = TestApi.startConversation("No notes");
        note(conversation.id(), conversation.token(), Map.of("text", "sneaky")).then().statusCode(403);
        note(conversation.id(), alice(), Map.of("text", " ")).then().statusCode(400).body("error", equalTo("invalid-text"));
        note(conversation.id(), alice(), Map.of("text", 5)).then().statusCode(400);
        note("nope", alice(), Map.of("text", "x")).then().statusCode(404);
    }

    @Test
    void labelsAreSetAndFilterTheListAndOnlyAgentsSeeThem() {
        Started conversation = TestApi.startConversation("Labelled");
        try (SseClient customer = customerStream(conversation, Map.of())) {
            await().atMost(WAIT).until(() -> !customer.retries().isEmpty());
            labels(conversation.id(), alice(), List.of("vip", "refund", "vip")).then().statusCode(200)
                    .body("conversation.labels", equalTo(List.of("vip", "refund")));
            long later = TestApi.post(conversation.id(), conversation.token(), "after labels");
            await().atMost(WAIT).until(() -> customer.ids().contains(later));
            assertThat(customer.events("conversation")).noneMatch(event -> event.data().contains("vip"));
        }
        given().auth().oauth2(alice()).get("/api/conversations?label=vip&order=newest").then().statusCode(200)
                .body("conversations.id", hasItem(conversation.id()))
                .body("conversations.find { it.id == '" + conversation.id() + "' }.labels", equalTo(List.of("vip",
                        "refund")));
        given().auth().oauth2(alice()).get("/api/conversations?label=nobody-has-this").then().statusCode(200)
                .body("conversations", equalTo(List.of()));
        given().auth().oauth2(conversation.token()).get("/api/conversations/{id}", conversation.id()).then()
                .statusCode(200).body("conversation.labels", nullValue());
        labels(conversation.id(), alice(), List.of()).then().statusCode(200).body("conversation.labels",
                equalTo(List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "a-label-that-is-far-too-long-for-us", "emoji😀", "<b>"})
    void malformedLabelsAreRefused(String label) {
        Started conversation = TestApi.startConversation("Bad label");
        labels(conversation.id(), alice(), List.of(label)).then().statusCode(400).body("error", equalTo("invalid-labels"));
    }

    @Test
    void moreThanTenLabelsAreRefusedAndCustomersMayNotLabel() {
        Started conversation = TestApi.startConversation("Many labels");
        labels(conversation.id(), alice(), List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"))
                .then().statusCode(400).body("error", equalTo("invalid-labels"));
        labels(conversation.id(), conversation.token(), List.of("a")).then().statusCode(403);
        given().auth().oauth2(alice()).get("/api/conversations?label=no spaces").then().statusCode(400);
    }

    @Test
    void cannedResponsesLoadForAgentsInEveryLanguage() {
        given().auth().oauth2(alice()).get("/api/canned-responses").then().statusCode(200)
                .body("responses.find { it.shortcut == 'hello' && it.lang == 'en' }.title", equalTo("Greeting"))
                .body("responses.find { it.shortcut == 'hello' && it.lang == 'zh' }.text",
                        org.hamcrest.Matchers.startsWith("您好"));
        Started conversation = TestApi.startConversation("Canned");
        given().auth().oauth2(conversation.token()).get("/api/canned-responses").then().statusCode(403);
        given().get("/api/canned-responses").then().statusCode(401);
    }

    @Test
    void searchFindsConversationsByAnEnglishAndAChineseWord() {
        String word = "zephyr" + UUID.randomUUID().toString().substring(0, 8).replaceAll("[^a-z]", "q");
        Started english = TestApi.startConversation("Search en");
        TestApi.post(english.id(), english.token(), "My " + word + " lamp arrived broken");
        Started chinese = TestApi.startConversation("Search zh");
        TestApi.post(chinese.id(), chinese.token(), "我的台灯坏了，请帮我换一个" + word);
        given().auth().oauth2(alice()).get("/api/conversations/search?q=" + word).then().statusCode(200)
                .body("conversations.conversation.id", equalTo(List.of(chinese.id(), english.id())))
                .body("conversations[1].snippet", equalTo("My " + word + " lamp arrived broken"));
        given().auth().oauth2(alice()).queryParam("q", "台灯 " + word).get("/api/conversations/search")
                .then().statusCode(200).body("conversations.conversation.id", equalTo(List.of(chinese.id())));
    }

    @Test
    void searchIsForAgentsAndNeedsAQuery() {
        Started conversation = TestApi.startConversation("No search");
        given().auth().oauth2(conversation.token()).get("/api/conversations/search?q=x").then().statusCode(403);
        given().auth().oauth2(alice()).get("/api/conversations/search").then().statusCode(400)
                .body("error", equalTo("invalid-q"));
        given().auth().oauth2(alice()).get("/api/conversations/search?q=x&limit=0").then().statusCode(400);
    }

    @Test
    void theProfileIsRecordedAndShownToAgentsButNotTheBrowserToTheCustomer() {
        Started conversation = startWith(Map.of("customerName", "Mei", "email", "mei@example.com",
                "locale", "zh-CN", "page", "https://shop.example/cart"), "TestBrowser/1.0");
        given().auth().oauth2(alice()).get("/api/conversations/{id}", conversation.id()).then().statusCode(200)
                .body("conversation.customer.email", equalTo("mei@example.com"))
                .body("conversation.customer.locale", equalTo("zh-CN"))
                .body("conversation.customer.page", equalTo("https://shop.example/cart"))
                .body("conversation.customer.userAgent", equalTo("TestBrowser/1.0"))
                .body(not(org.hamcrest.Matchers.containsString("127.0.0.1")));
        given().auth().oauth2(conversation.token()).get("/api/conversations/{id}", conversation.id()).then()
                .statusCode(200).body("conversation.locale", equalTo("zh-CN"))
                .body(not(org.hamcrest.Matchers.containsString("TestBrowser")))
                .body(not(org.hamcrest.Matchers.containsString("127.0.0.1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"email\":\"not-an-email\"}", "{\"locale\":\"english please\"}",
            "{\"page\":\"javascript:alert(1)\"}", "{\"email\":5}"})
    void aMalformedProfileIsRefused(String body) {
        given().contentType(ContentType.JSON).body(body).post("/api/conversations").then().statusCode(400);
    }

    @Test
    void earlierConversationsAreFoundByTheReturningCustomersCookieAndATypedEmailLinksNothing() {
        String email = "returning-" + UUID.randomUUID() + "@example.com";
        Started first = startWith(Map.of("email", email), "A");
        Started second = startWith(Map.of("email", email.toUpperCase()), "A");
        String thirdId = given().contentType(ContentType.JSON).cookie("livedesk_customer", first.token())
                .body(Map.of()).post("/api/conversations").then().statusCode(201).extract().path("conversation.id");
        given().auth().oauth2(alice()).get("/api/conversations/{id}/customer-history", thirdId).then()
                .statusCode(200).body("conversations.id", equalTo(List.of(first.id())));
        given().auth().oauth2(alice()).get("/api/conversations/{id}/customer-history", second.id()).then()
                .statusCode(200).body("conversations.id", equalTo(List.of()));
        given().auth().oauth2(first.token()).get("/api/conversations/{id}/customer-history", first.id()).then()
                .statusCode(403);
    }

    @Test
    void unreadGoesUpWithCustomerMessagesAndDownWhenAnAgentReads() {
        Started conversation = TestApi.startConversation("Unread");
        TestApi.post(conversation.id(), conversation.token(), "one");
        long second = TestApi.post(conversation.id(), conversation.token(), "two");
        String row = "conversations.find { it.id == '" + conversation.id() + "' }";
        given().auth().oauth2(alice()).get("/api/conversations?status=QUEUED&order=newest").then().statusCode(200)
                .body(row + ".unread", equalTo(2))
                .body(row + ".lastMessage.text", equalTo("two"))
                .body(row + ".lastMessage.role", equalTo("customer"))
                .body(row + ".waitingSince", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(alice()).contentType(ContentType.JSON).body(Map.of("upTo", second))
                .post("/api/conversations/{id}/read", conversation.id()).then().statusCode(200);
        given().auth().oauth2(alice()).get("/api/conversations?assignee=none&order=newest").then().statusCode(200)
                .body(row + ".unread", equalTo(0));
    }

    @Test
    void anAgentReopensAResolvedConversationAndTakesIt() {
        Started conversation = TestApi.startConversation("Reopen");
        given().auth().oauth2(alice()).post("/api/conversations/{id}/resolve", conversation.id()).then()
                .statusCode(200);
        given().auth().oauth2(alice()).post("/api/conversations/{id}/reopen", conversation.id()).then()
                .statusCode(200).body("conversation.status", equalTo("ASSIGNED"))
                .body("conversation.assigneeId", equalTo("alice"));
        given().auth().oauth2(conversation.token()).post("/api/conversations/{id}/reopen", conversation.id()).then()
                .statusCode(403);
    }
}
