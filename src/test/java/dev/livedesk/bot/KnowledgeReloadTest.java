package dev.livedesk.bot;

import dev.livedesk.support.SseClient;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A knowledge base changed while the service runs: reloaded on request, or picked up from the watched file. */
@Tag("quarkus")
@QuarkusTest
@TestProfile(FileKnowledgeProfile.class)
class KnowledgeReloadTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String RETURNS = FileKnowledgeProfile.knowledgeBase("returns", "Can I return an item?",
            "Yes, within 60 days.", "return policy");

    @TestHTTPResource("/")
    URI root;

    @AfterEach
    void restoreTheFirstKnowledgeBase() throws IOException {
        Files.writeString(FileKnowledgeProfile.FILE, FileKnowledgeProfile.FIRST);
        given().auth().oauth2(TestApi.agentToken("alice")).post("/api/assistant/reload").then().statusCode(200);
    }

    /** The assistant's reply to one question in a new conversation. */
    private Optional<String> reply(String question) {
        Started conversation = TestApi.startConversation("Reload");
        try (SseClient customer = SseClient.open(root.resolve("/api/conversations/" + conversation.id() + "/events?lastEventId="
                + TestApi.lastEventId(conversation.id(), conversation.token())),
                conversation.token())) {
            TestApi.post(conversation.id(), conversation.token(), question);
            await().atMost(WAIT).until(() -> customer.events("message").stream()
                    .anyMatch(e -> "bot".equals(e.json("message.sender.role"))));
            return customer.events("message").stream().filter(e -> "bot".equals(e.json("message.sender.role")))
                    .map(e -> e.<String>json("message.text")).findFirst();
        }
    }

    @Test
    void aReloadSwapsInTheChangedKnowledgeBase() throws IOException {
        assertThat(reply("what is your return policy")).get().asString().startsWith("I'm not sure");
        Files.writeString(FileKnowledgeProfile.FILE, RETURNS);
        given().auth().oauth2(TestApi.agentToken("alice")).post("/api/assistant/reload")
                .then().statusCode(200).body("entries", equalTo(1));
        assertThat(reply("what is your return policy")).contains("Yes, within 60 days.");
    }

    @Test
    void aChangedFileIsPickedUpWithoutBeingAsked() throws IOException {
        Files.writeString(FileKnowledgeProfile.FILE, RETURNS);
        await().atMost(WAIT).until(() -> reply("what is your return policy").orElse("")
                .equals("Yes, within 60 days."));
    }

    @Test
    void aKnowledgeBaseThatDoesNotLoadIsRefusedAndTheOldOneStays() throws IOException {
        Files.writeString(FileKnowledgeProfile.FILE, "entries:\n  - topic: broken\n    lang: en\n");
        given().auth().oauth2(TestApi.agentToken("alice")).post("/api/assistant/reload")
                .then().statusCode(400).body("error", equalTo("invalid-knowledge-base"));
        assertThat(reply("what are your opening hours")).contains("Every day from 8 to 20.");
    }
}
