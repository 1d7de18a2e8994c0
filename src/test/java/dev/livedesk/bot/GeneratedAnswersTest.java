package dev.livedesk.bot;

import dev.livedesk.support.SseClient;
import dev.livedesk.support.SseEvent;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Generated answers against a local server that speaks OpenAI's streaming protocol: the model's tokens reach the
 * customer as they come, then its whole answer as the durable message; a slow, failing, garbage-speaking, empty or
 * refusing model is replaced by the knowledge base's answer.
 */
@Tag("quarkus")
@QuarkusTest
@TestProfile(GeneratedAnswersProfile.class)
class GeneratedAnswersTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String QUESTION = "which payment methods can I use";

    @TestHTTPResource("/")
    URI root;

    @ConfigProperty(name = "livedesk.bot.llm.base-url")
    String baseUrl;

    private final HttpClient http = HttpClient.newHttpClient();

    private String fake(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl.replace("/v1", "") + path))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private SseClient stream(Started conversation) {
        return SseClient.open(root.resolve("/api/conversations/" + conversation.id() + "/events?lastEventId="
                + TestApi.lastEventId(conversation.id(), conversation.token())),
                conversation.token());
    }

    private static List<SseEvent> botMessages(SseClient client) {
        return client.events("message").stream().filter(e -> "bot".equals(e.json("message.sender.role"))).toList();
    }

    private static List<String> deltas(SseClient client) {
        return client.events("message-delta").stream().map(e -> e.<String>json("delta"))
                .filter(delta -> !delta.isEmpty()).toList();
    }

    @Test
    void theModelsTokensStreamAsTheyComeAndItsAnswerIsStored() throws Exception {
        fake("/mode/answer");
        Started conversation = TestApi.startConversation("Generated");
        try (SseClient customer = stream(conversation)) {
            TestApi.post(conversation.id(), conversation.token(), QUESTION);
            await().atMost(WAIT).until(() -> !botMessages(customer).isEmpty());
            assertThat(deltas(customer)).containsExactly("We accept ", "PayPal ", "and ", "cards.");
            SseEvent answer = botMessages(customer).get(0);
            assertThat(answer.<String>json("message.text")).isEqualTo(FakeLanguageModel.ANSWER);
            String draft = customer.events("message-delta").get(0).json("draftId");
            assertThat(answer.<String>json("message.id")).as("the durable message replaces the draft").isEqualTo(draft);
        }
        String request = fake("/last");
        assertThat(request).containsPattern("\"stream\"\\s*:\\s*true").contains("fake-model").contains("PayPal")
                .contains("NO_ANSWER");
    }

    @ParameterizedTest
    @ValueSource(strings = {"slow", "failing", "garbage", "empty", "refuse"})
    void aModelThatDoesNotAnswerIsReplacedByTheKnowledgeBasesAnswer(String mode) throws Exception {
        fake("/mode/" + mode);
        Started conversation = TestApi.startConversation("Fallback " + mode);
        try (SseClient customer = stream(conversation)) {
            TestApi.post(conversation.id(), conversation.token(), QUESTION);
            await().atMost(WAIT).until(() -> !botMessages(customer).isEmpty());
            assertThat(botMessages(customer)).hasSize(1);
            assertThat(botMessages(customer).get(0).<String>json("message.text"))
                    .startsWith("We accept Visa, Mastercard");
            if (mode.equals("slow")) {
                assertThat(customer.events("message-delta")).as("the model's draft is cancelled")
                        .anyMatch(e -> Boolean.TRUE.equals(e.json("cancelled")));
            }
        } finally {
            fake("/mode/answer");
        }
    }
}
