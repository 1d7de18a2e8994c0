package dev.livedesk.chat;

import dev.livedesk.support.SseClient;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The main flow against the packaged application: start, stream, post, resume. */
@Tag("packaged")
@QuarkusIntegrationTest
class ConversationFlowIT {

    @TestHTTPResource("/")
    URI root;

    @Test
    void customerAndAgentSeeMessagesLiveAndResumeExactly() {
        Started conversation = TestApi.startConversation("Packaged");
        String agent = TestApi.agentToken("alice");
        URI events = root.resolve("/api/conversations/" + conversation.id() + "/events");
        try (SseClient customer = SseClient.open(events, conversation.token());
             SseClient agents = SseClient.open(root.resolve("/api/agents/events?lastEventId="
                     + given().auth().oauth2(agent).get("/api/conversations").then().statusCode(200).extract()
                     .<Number>path("lastEventId").longValue()), agent)) {
            long question = TestApi.post(conversation.id(), conversation.token(), "Where is my parcel? 包裹在哪里？");
            long answer = TestApi.post(conversation.id(), agent, "It ships today.");
            await().atMost(Duration.ofSeconds(10)).until(() -> customer.ids().contains(answer));
            await().atMost(Duration.ofSeconds(10)).until(() -> agents.ids().contains(answer));
            // the reply took the conversation: its assignment and "Alice joined" come between question and answer
            assertThat(TestApi.status(conversation.id(), conversation.token())).isEqualTo("ASSIGNED");
            List<Long> seen = customer.ids();
            assertThat(seen).doesNotHaveDuplicates().isSorted().contains(question).endsWith(answer);
            assertThat(agents.ids()).doesNotHaveDuplicates().startsWith(question).endsWith(answer);
            List<Long> afterQuestion = seen.subList(seen.indexOf(question) + 1, seen.size());
            assertThat(afterQuestion).hasSize(3);

            try (SseClient resumed = SseClient.open(events, Map.of("Authorization", "Bearer " + conversation.token(),
                    "Last-Event-ID", Long.toString(question)))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> resumed.ids().contains(answer));
                assertThat(resumed.ids()).isEqualTo(afterQuestion);
            }
        }
    }
}
