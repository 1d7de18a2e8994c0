package dev.livedesk.bot;

import dev.livedesk.support.SseClient;
import dev.livedesk.support.SseEvent;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@TestProfile(AssistantProfile.class)
class AssistantTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI root;

    private SseClient stream(Started conversation) {
        return SseClient.open(root.resolve("/api/conversations/" + conversation.id() + "/events"), conversation.token());
    }

    private static List<SseEvent> botMessages(SseClient client) {
        return client.events("message").stream().filter(e -> "bot".equals(e.json("message.sender.role"))).toList();
    }

    @Test
    void newConversationsStartWithTheAssistant() {
        Started conversation = TestApi.startConversation("Shopper");
        assertThat(TestApi.status(conversation.id(), conversation.token())).isEqualTo("BOT");
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
        given().auth().oauth2(TestApi.agentToken("alice")).contentType(ContentType.JSON).body("{}")
                .post("/api/conversations/{id}/assign", conversation.id()).then().statusCode(200);
        long question = TestApi.post(conversation.id(), conversation.token(), "how do I reset my password");
        try (SseClient customer = stream(conversation)) {
            long marker = TestApi.post(conversation.id(), TestApi.agentToken("alice"), "Let me check that for you");
            await().atMost(WAIT).until(() -> customer.ids().contains(marker));
            assertThat(customer.ids()).contains(question);
            assertThat(botMessages(customer)).isEmpty();
            assertThat(customer.events("message-delta")).isEmpty();
        }
    }
}
