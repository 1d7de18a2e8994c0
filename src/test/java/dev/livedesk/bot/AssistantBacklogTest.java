package dev.livedesk.bot;

import dev.livedesk.support.SseClient;
import dev.livedesk.support.SseEvent;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An assistant behind its questions: with {@code max-queue-wait} at zero every question counts as having waited too
 * long, which is what a backlog does to the questions at its tail.
 */
@Tag("quarkus")
@QuarkusTest
@TestProfile(AssistantBacklogTest.Backlogged.class)
class AssistantBacklogTest {

    /** A question the models rank to one entry and BM25 alone to another. */
    private static final String QUESTION = "how long does a refund take";

    public static class Backlogged implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("livedesk.bot.enabled", "true", "livedesk.bot.embeddings", "true",
                    "livedesk.bot.max-queue-wait", "0s");
        }
    }

    @TestHTTPResource("/")
    URI root;

    @Inject
    KnowledgeService knowledge;

    @Test
    void aQuestionThatWaitedMaxQueueWaitIsAnsweredFromBm25AloneAndCounted() {
        String lexical = knowledge.withIndex(index -> index.lexicalSearch(QUESTION)).answer().orElseThrow().answer();
        assertThat(knowledge.withIndex(index -> index.search(QUESTION)).answer().orElseThrow().answer())
                .as("the models rank another entry first").isNotEqualTo(lexical);
        double before = lexicalCount();
        Started conversation = TestApi.startConversation("Waited");
        try (SseClient customer = SseClient.open(root.resolve("/api/conversations/" + conversation.id() + "/events?lastEventId="
                + TestApi.lastEventId(conversation.id(), conversation.token())),
                conversation.token())) {
            TestApi.post(conversation.id(), conversation.token(), QUESTION);
            await().atMost(Duration.ofSeconds(10)).until(() -> !botMessages(customer).isEmpty());
            assertThat(botMessages(customer).get(0).<String>json("message.text")).isEqualTo(lexical);
        }
        assertThat(lexicalCount()).isEqualTo(before + 1);
    }

    static List<SseEvent> botMessages(SseClient client) {
        return client.events("message").stream().filter(e -> "bot".equals(e.json("message.sender.role"))).toList();
    }

    private static double lexicalCount() {
        return TestApi.metric(TestApi.metrics(), "livedesk_assistant_lexical_total");
    }
}
