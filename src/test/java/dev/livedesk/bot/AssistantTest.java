package dev.livedesk.bot;

import dev.livedesk.support.SseClient;
import dev.livedesk.support.SseEvent;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Tag("quarkus")
@QuarkusTest
@TestProfile(AssistantProfile.class)
class AssistantTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI root;

    @Inject
    KnowledgeService knowledge;

    private SseClient stream(Started conversation) {
        return SseClient.open(root.resolve("/api/conversations/" + conversation.id() + "/events?lastEventId="
                + TestApi.lastEventId(conversation.id(), conversation.token())), conversation.token());
    }

    private static List<SseEvent> botMessages(SseClient client) {
        return AssistantBacklogTest.botMessages(client);
    }

    @Test
    void newConversationsStartWithTheAssistant() {
        Started conversation = TestApi.startConversation("Shopper");
        assertThat(TestApi.status(conversation.id(), conversation.token())).isEqualTo("BOT");
    }

    private static io.restassured.path.json.JsonPath startedIn(String locale) {
        return given().contentType(ContentType.JSON).body(java.util.Map.of("customerName", "Greeted", "locale", locale))
                .post("/api/conversations").then().statusCode(201).extract().jsonPath();
    }

    private static io.restassured.path.json.JsonPath history(io.restassured.path.json.JsonPath started) {
        return given().auth().oauth2(started.getString("token"))
                .get("/api/conversations/" + started.getString("conversation.id") + "/messages")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aNewConversationOpensWithTheGreetingAndFourTopicsAsItsFirstMessage() {
        io.restassured.path.json.JsonPath messages = history(startedIn("en-GB"));

        assertThat(messages.getList("messages")).hasSize(1);
        assertThat(messages.getString("messages[0].message.sender.role")).isEqualTo("bot");
        assertThat(messages.getString("messages[0].message.text"))
                .isEqualTo("Hi! I'm the assistant. Ask me anything, or pick a topic below.");
        assertThat(messages.getList("messages[0].message.suggestions.question", String.class)).hasSize(4)
                .allMatch(question -> question.chars().allMatch(c -> c < 0x2E80));
    }

    @Test
    void aCustomerWhoseLocaleIsChineseIsGreetedInChineseWithChineseTopics() {
        io.restassured.path.json.JsonPath messages = history(startedIn("zh-CN"));

        assertThat(messages.getString("messages[0].message.text")).isEqualTo("您好！我是智能助理。请直接提问，或选择下面的话题。");
        assertThat(messages.getList("messages[0].message.suggestions.question", String.class)).hasSize(4)
                .allMatch(question -> question.chars().anyMatch(c -> c >= 0x4E00));
    }

    @Test
    void aConversationOfAnInboxWithItsOwnGreetingIsGreetedWithIt() {
        String websiteToken = given().auth().oauth2(TestApi.agentToken("erin")).contentType(ContentType.JSON)
                .body(java.util.Map.of("name", "Blog", "greeting", java.util.Map.of("en", "Welcome to the blog!")))
                .post("/api/inboxes").then().statusCode(201).extract().path("inbox.websiteToken");
        io.restassured.path.json.JsonPath started = given().contentType(ContentType.JSON)
                .body(java.util.Map.of("websiteToken", websiteToken, "locale", "en")).post("/api/conversations")
                .then().statusCode(201).extract().jsonPath();
        io.restassured.path.json.JsonPath chinese = given().contentType(ContentType.JSON)
                .body(java.util.Map.of("websiteToken", websiteToken, "locale", "zh-CN")).post("/api/conversations")
                .then().statusCode(201).extract().jsonPath();

        assertThat(history(started).getString("messages[0].message.text")).isEqualTo("Welcome to the blog!");
        assertThat(history(chinese).getString("messages[0].message.text"))
                .as("no Chinese greeting of its own: the configured one").isEqualTo("您好！我是智能助理。请直接提问，或选择下面的话题。");
    }

    @Test
    void theGreetingIsNeitherAMissNorACustomerMessage() {
        io.restassured.path.json.JsonPath started = startedIn("en");
        String id = started.getString("conversation.id");

        assertThat(given().auth().oauth2(started.getString("token")).get("/api/conversations/" + id)
                .then().statusCode(200).extract().jsonPath().getInt("conversation.botMisses")).isZero();
        assertThat(given().auth().oauth2(TestApi.agentToken("alice")).get("/api/conversations?status=BOT&limit=200")
                .then().statusCode(200).extract().jsonPath().getList("conversations.findAll { it.id == '"
                        + id + "' }.unread", Integer.class)).containsExactly(0);
    }

    @Test
    void streamsTheAnswerAsDeltasAndThenOneDurableMessage() {
        Started conversation = TestApi.startConversation("Returner");
        try (SseClient customer = stream(conversation)) {
            TestApi.post(conversation.id(), conversation.token(), "how can i send back a jacket that doesn't fit");
            await().atMost(WAIT).until(() -> !botMessages(customer).isEmpty());
            SseEvent answer = botMessages(customer).get(0);
            List<SseEvent> deltas = customer.events("message-delta");
            assertThat(deltas).hasSizeGreaterThan(3).allMatch(delta -> delta.id() == null);
            assertThat(deltas).allMatch(delta -> answer.json("message.id").equals(delta.json("draftId")));
            String streamed = deltas.stream().map(delta -> delta.<String>json("delta")).collect(Collectors.joining());
            assertThat(streamed).isEqualTo(answer.json("message.text"));
            assertThat(answer.<String>json("message.text")).contains("30 days");
            int answerPosition = customer.events().indexOf(answer);
            int firstDelta = customer.events().indexOf(deltas.get(0));
            assertThat(firstDelta).isLessThan(answerPosition);
        }
        assertThat(TestApi.status(conversation.id(), conversation.token())).isEqualTo("BOT");
    }

    @Test
    void aQuestionAnsweredWithoutABacklogIsRankedWithTheModels() {
        String question = "how long does a refund take";
        String hybrid = knowledge.withIndex(index -> index.search(question)).answer().orElseThrow().answer();
        assertThat(knowledge.withIndex(index -> index.lexicalSearch(question)).answer().orElseThrow().answer())
                .as("BM25 alone ranks another entry first").isNotEqualTo(hybrid);
        Started conversation = TestApi.startConversation("Prompt");
        try (SseClient customer = stream(conversation)) {
            TestApi.post(conversation.id(), conversation.token(), question);
            await().atMost(WAIT).until(() -> !botMessages(customer).isEmpty());
            assertThat(botMessages(customer).get(0).<String>json("message.text")).isEqualTo(hybrid);
        }
    }

    @Test
    void answersInTheCustomersLanguage() {
        Started conversation = TestApi.startConversation("顾客");
        try (SseClient customer = stream(conversation)) {
            TestApi.post(conversation.id(), conversation.token(), "退款多久能到账？");
            await().atMost(WAIT).until(() -> !botMessages(customer).isEmpty());
            assertThat(botMessages(customer).get(0).<String>json("message.text")).contains("退款");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"I want to talk to a human", "AGENT please", "转人工", "我要找人工客服"})
    void aRequestForAPersonQueuesTheConversation(String text) {
        Started conversation = TestApi.startConversation("Impatient");
        try (SseClient customer = stream(conversation)) {
            TestApi.post(conversation.id(), conversation.token(), text);
            assertThat(TestApi.status(conversation.id(), conversation.token())).isEqualTo("QUEUED");
            await().atMost(WAIT).until(() -> customer.events("message").stream()
                    .anyMatch(e -> "Connecting you to an agent…".equals(e.json("message.text"))));
            assertThat(botMessages(customer)).isEmpty();
        }
    }

    @Test
    void aWordThatOnlyContainsAHandoffPhraseDoesNotQueue() {
        Started conversation = TestApi.startConversation("Reader");
        TestApi.post(conversation.id(), conversation.token(), "my travel agency invoice");
        assertThat(TestApi.status(conversation.id(), conversation.token())).isEqualTo("BOT");
    }

    @Test
    void oneMissKeepsTheAssistantAndTwoInARowQueue() {
        Started conversation = TestApi.startConversation("Offtopic");
        try (SseClient customer = stream(conversation)) {
            TestApi.post(conversation.id(), conversation.token(), "tell me a joke");
            await().atMost(WAIT).until(() -> botMessages(customer).size() == 1);
            assertThat(TestApi.status(conversation.id(), conversation.token())).isEqualTo("BOT");
            TestApi.post(conversation.id(), conversation.token(), "what's the weather like in paris");
            await().atMost(WAIT).until(() -> "QUEUED".equals(TestApi.status(conversation.id(), conversation.token())));
            assertThat(botMessages(customer)).as("the second miss hands over instead of replying").hasSize(1);
        }
    }

    @Test
    void anAnswerInBetweenResetsTheMisses() {
        Started conversation = TestApi.startConversation("Mixed");
        try (SseClient customer = stream(conversation)) {
            TestApi.post(conversation.id(), conversation.token(), "tell me a joke");
            TestApi.post(conversation.id(), conversation.token(), "which payment methods can I use");
            TestApi.post(conversation.id(), conversation.token(), "what time is it");
            await().atMost(WAIT).until(() -> botMessages(customer).size() == 3);
            assertThat(TestApi.status(conversation.id(), conversation.token())).isEqualTo("BOT");
        }
    }

    @Test
    void neverAnswersOnceAnAgentHasTheConversation() {
        Started conversation = TestApi.startConversation("Taken");
        long greeted = TestApi.lastEventId(conversation.id(), conversation.token());
        given().auth().oauth2(TestApi.agentToken("alice")).contentType(ContentType.JSON).body("{}")
                .post("/api/conversations/{id}/assign", conversation.id()).then().statusCode(200);
        long question = TestApi.post(conversation.id(), conversation.token(), "how do I reset my password");
        try (SseClient customer = SseClient.open(root.resolve("/api/conversations/" + conversation.id()
                + "/events?lastEventId=" + greeted), conversation.token())) {
            long marker = TestApi.post(conversation.id(), TestApi.agentToken("alice"), "Let me check that for you");
            await().atMost(WAIT).until(() -> customer.ids().contains(marker));
            assertThat(customer.ids()).contains(question);
            assertThat(botMessages(customer)).isEmpty();
            assertThat(customer.events("message-delta")).isEmpty();
        }
    }

    @Test
    void everyCustomerMessageGetsAReplyInOrderWhileTheAssistantHasTheConversation() {
        Started conversation = TestApi.startConversation("Many questions");
        List<String> questions = List.of("how much is shipping", "tell me a joke", "can i pay with paypal",
                "what is the capital of france", "how do i reset my password");
        try (SseClient customer = stream(conversation)) {
            for (String question : questions) {
                TestApi.post(conversation.id(), conversation.token(), question);
            }
            await().atMost(WAIT).until(() -> botMessages(customer).size() == questions.size());
            int asked = 0;
            for (SseEvent message : customer.events("message")) {
                asked += "customer".equals(message.json("message.sender.role")) ? 1 : -1;
                assertThat(asked).as("no reply before its question").isGreaterThanOrEqualTo(0);
            }
            List<String> replies = botMessages(customer).stream().map(e -> e.<String>json("message.text")).toList();
            assertThat(replies.get(0)).contains("5 dollars");
            assertThat(replies.get(1)).startsWith("I'm not sure I understood");
            assertThat(replies.get(2)).contains("PayPal");
            assertThat(replies.get(3)).startsWith("I'm not sure I understood");
            assertThat(replies.get(4)).contains("Forgot password");
        }
    }

    @Test
    void smallTalkGetsAFittingReplyAndIsNeverAMiss() {
        Started conversation = TestApi.startConversation("Polite");
        try (SseClient customer = stream(conversation)) {
            TestApi.post(conversation.id(), conversation.token(), "hi");
            TestApi.post(conversation.id(), conversation.token(), "tell me a joke");
            TestApi.post(conversation.id(), conversation.token(), "Are you human?");
            TestApi.post(conversation.id(), conversation.token(), "thanks!");
            await().atMost(WAIT).until(() -> botMessages(customer).size() == 4);
            assertThat(botMessages(customer).stream().map(e -> e.<String>json("message.text")).toList())
                    .satisfies(texts -> {
                        assertThat(texts.get(0)).isEqualTo("Hello! What can I help you with?");
                        assertThat(texts.get(1)).startsWith("I'm not sure I understood");
                        assertThat(texts.get(2)).startsWith("I'm the assistant");
                        assertThat(texts.get(3)).startsWith("You're welcome");
                    });
            assertThat(TestApi.status(conversation.id(), conversation.token()))
                    .as("one miss among small talk does not hand over").isEqualTo("BOT");
        }
    }

    @Test
    void aVagueRequestGetsTopicsToPickNotAnUnrelatedAnswer() {
        Started conversation = TestApi.startConversation("有问题");
        try (SseClient customer = stream(conversation)) {
            TestApi.post(conversation.id(), conversation.token(), "我有个问题");
            await().atMost(WAIT).until(() -> !botMessages(customer).isEmpty());
            SseEvent reply = botMessages(customer).get(0);
            assertThat(reply.<String>json("message.text")).isEqualTo("当然可以。请问您想了解什么？也可以选择下面的话题。");
            List<java.util.Map<String, String>> suggestions = reply.json("message.suggestions");
            assertThat(suggestions).hasSize(3).allSatisfy(suggestion ->
                    assertThat(suggestion.get("question")).matches(".*\\p{IsHan}.*"));
            assertThat(suggestions.stream().map(suggestion -> suggestion.get("topic")).distinct()).hasSize(3);
        }
    }

    @Test
    void aMissRepliesInTheCustomersLanguageWithTopicsToPickAndAPersonOnOffer() {
        Started conversation = TestApi.startConversation("Vague");
        try (SseClient customer = stream(conversation)) {
            TestApi.post(conversation.id(), conversation.token(), "今天天气怎么样呀");
            await().atMost(WAIT).until(() -> !botMessages(customer).isEmpty());
            SseEvent reply = botMessages(customer).get(0);
            assertThat(reply.<String>json("message.text")).startsWith("抱歉，我不太确定您的意思").contains("人工客服");
            List<java.util.Map<String, String>> suggestions = reply.json("message.suggestions");
            assertThat(suggestions).hasSizeBetween(1, 3).allSatisfy(suggestion -> {
                assertThat(suggestion.get("topic")).isNotBlank();
                assertThat(suggestion.get("question")).matches(".*\\p{IsHan}.*");
            });
            assertThat(TestApi.status(conversation.id(), conversation.token())).isEqualTo("BOT");
        }
    }

    @Test
    void pickingASuggestionAsksItsQuestionAndTheAssistantAnswersIt() {
        Started conversation = TestApi.startConversation("Picker");
        try (SseClient customer = stream(conversation)) {
            TestApi.post(conversation.id(), conversation.token(), "hmm i have a question about something");
            await().atMost(WAIT).until(() -> !botMessages(customer).isEmpty());
            List<java.util.Map<String, String>> suggestions = botMessages(customer).get(0).json("message.suggestions");
            String question = suggestions.get(0).get("question");
            TestApi.post(conversation.id(), conversation.token(), question);
            await().atMost(WAIT).until(() -> botMessages(customer).size() == 2);
            String answer = botMessages(customer).get(1).json("message.text");
            String expected = KnowledgeBase.load("classpath:faq/shop.yaml").entries().stream()
                    .filter(entry -> entry.question().equals(question)).findFirst().orElseThrow().answer();
            assertThat(answer).isEqualTo(expected);
        }
    }

    @Test
    void unansweredQuestionsAreListedForAgentsGroupedByMeaningWithCounts() {
        String unique = "skateboard" + Long.toString(System.nanoTime(), 36);
        for (String text : List.of("Do you sell " + unique + "s?", "do you sell " + unique + "s", "do you sell "
                + unique + "s!!")) {
            Started conversation = TestApi.startConversation("Gap");
            TestApi.post(conversation.id(), conversation.token(), text);
        }
        String alice = TestApi.agentToken("alice");
        await().atMost(WAIT).until(() -> given().auth().oauth2(alice).get("/api/assistant/gaps?days=1")
                .then().statusCode(200).extract().jsonPath()
                .getList("gaps.findAll { it.example.toLowerCase().contains('" + unique + "') }.count").contains(3));
        given().auth().oauth2(alice).get("/api/assistant/gaps").then().statusCode(200)
                .body("days", org.hamcrest.Matchers.equalTo(7));
    }

    @Test
    void unansweredQuestionsThatMeanTheSameAreOneGapAndAnotherQuestionIsNot() {
        List<String> same = List.of("do you sell hovercrafts", "are hovercrafts for sale in your shop",
                "can i buy a hovercraft from you");
        for (String text : List.of(same.get(0), same.get(1), same.get(2), "how do i repair a hovercraft engine")) {
            Started conversation = TestApi.startConversation("Gap by meaning");
            TestApi.post(conversation.id(), conversation.token(), text);
        }
        String alice = TestApi.agentToken("alice");
        await().atMost(WAIT).until(() -> given().auth().oauth2(alice).get("/api/assistant/gaps?days=1")
                .then().statusCode(200).extract().jsonPath()
                .getList("gaps.findAll { it.examples.any { e -> e.contains('hovercraft') } }.count")
                .containsAll(List.of(3, 1)));
        List<List<String>> examples = given().auth().oauth2(alice).get("/api/assistant/gaps?days=1").then()
                .extract().jsonPath().getList("gaps.findAll { it.examples.any { e -> e.contains('hovercraft') } }"
                        + ".examples");
        assertThat(examples).hasSize(2)
                .anySatisfy(texts -> assertThat(texts).containsExactlyInAnyOrderElementsOf(same))
                .anySatisfy(texts -> assertThat(texts).containsExactly("how do i repair a hovercraft engine"));
    }

    @Test
    void theMissThatHandsOverIsRecordedAsHandedOff() {
        String unique = "unicycle" + Long.toString(System.nanoTime(), 36);
        Started conversation = TestApi.startConversation("Two misses");
        TestApi.post(conversation.id(), conversation.token(), "tell me about " + unique);
        TestApi.post(conversation.id(), conversation.token(), "is a " + unique + " fast");
        await().atMost(WAIT).until(() -> "QUEUED".equals(TestApi.status(conversation.id(), conversation.token())));
        await().atMost(WAIT).until(() -> given().auth().oauth2(TestApi.agentToken("alice"))
                .get("/api/assistant/gaps?days=1").then().extract().jsonPath()
                .getList("gaps.findAll { it.example.contains('is a " + unique + "') }.handedOff").contains(1));
    }

    @Test
    void onlyAgentsReadGapsOrReloadAndDaysAreChecked() {
        Started customer = TestApi.startConversation("Nosy");
        given().auth().oauth2(customer.token()).get("/api/assistant/gaps").then().statusCode(403);
        given().auth().oauth2(customer.token()).post("/api/assistant/reload").then().statusCode(403);
        given().get("/api/assistant/gaps").then().statusCode(401);
        for (String days : List.of("0", "91", "x", "-1")) {
            given().auth().oauth2(TestApi.agentToken("alice")).get("/api/assistant/gaps?days=" + days)
                    .then().statusCode(400);
        }
    }

    @Test
    void theAssistantsDraftsReachTheConversationsStreamAndNotTheAgentsStream() {
        Started conversation = TestApi.startConversation("Drafts");
        String alice = TestApi.agentToken("alice");
        try (SseClient customer = stream(conversation);
             SseClient agents = SseClient.open(root.resolve("/api/agents/events?lastEventId="
                     + TestApi.lastEventId(conversation.id(), alice)), alice)) {
            await().atMost(WAIT).until(() -> !customer.retries().isEmpty() && !agents.retries().isEmpty());
            TestApi.post(conversation.id(), conversation.token(), "which payment methods can I use");
            await().atMost(WAIT).until(() -> !botMessages(agents).isEmpty());
            assertThat(customer.events("message-delta")).isNotEmpty();
            assertThat(agents.events("message-delta")).isEmpty();
        }
    }
}
