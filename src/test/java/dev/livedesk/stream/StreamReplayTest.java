package dev.livedesk.stream;

import dev.livedesk.auth.Caller;
import dev.livedesk.auth.Role;
import dev.livedesk.chat.service.ChatService;
import dev.livedesk.chat.PostMessageRequest;
import dev.livedesk.support.SseClient;
import dev.livedesk.support.SseEvent;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Tag("quarkus")
@QuarkusTest
class StreamReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI root;

    @Inject
    ChatService chat;

    private URI events(String conversationId, String query) {
        return root.resolve("/api/conversations/" + conversationId + "/events" + query);
    }

    private List<Long> postMessages(Started conversation, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(TestApi.post(conversation.id(), conversation.token(), "message " + i));
        }
        return ids;
    }

    @Test
    void replaysWholeHistoryOnFirstConnect() {
        Started conversation = TestApi.startConversation("Replay");
        List<Long> posted = postMessages(conversation, 3);
        try (SseClient client = SseClient.open(events(conversation.id(), ""), conversation.token())) {
            await().atMost(WAIT).until(() -> client.ids().size() == 4);
            assertThat(client.events().get(0).event()).isEqualTo("conversation");
            assertThat(client.ids().subList(1, 4)).isEqualTo(posted);
        }
    }

    @Test
    void replaysAHistoryLargerThanOneWriteInOrderOnceEach() {
        Started conversation = TestApi.startConversation("Long history");
        List<Long> posted = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            posted.add(TestApi.post(conversation.id(), conversation.token(), i + " " + "x".repeat(3500)));
        }
        try (SseClient client = SseClient.open(events(conversation.id(), ""), conversation.token())) {
            await().atMost(WAIT).until(() -> client.ids().size() == 26);
            assertThat(client.ids().subList(1, 26)).isEqualTo(posted);
        }
    }

    @Test
    void replaysOnlyEventsAfterLastEventIdHeader() {
        Started conversation = TestApi.startConversation("Header");
        List<Long> posted = postMessages(conversation, 4);
        Map<String, String> headers = Map.of("Authorization", "Bearer " + conversation.token(),
                "Last-Event-ID", Long.toString(posted.get(1)));
        try (SseClient client = SseClient.open(events(conversation.id(), ""), headers)) {
            await().atMost(WAIT).until(() -> client.ids().size() == 2);
            assertThat(client.ids()).isEqualTo(posted.subList(2, 4));
        }
    }

    @Test
    void resumesFromLastEventIdQueryParameter() {
        Started conversation = TestApi.startConversation("Query");
        List<Long> posted = postMessages(conversation, 3);
        try (SseClient client = SseClient.open(events(conversation.id(), "?lastEventId=" + posted.get(0)),
                conversation.token())) {
            await().atMost(WAIT).until(() -> client.ids().size() == 2);
            assertThat(client.ids()).isEqualTo(posted.subList(1, 3));
        }
    }

    @Test
    void lastEventIdHeaderWinsOverQueryParameter() {
        Started conversation = TestApi.startConversation("Both");
        List<Long> posted = postMessages(conversation, 3);
        Map<String, String> headers = Map.of("Authorization", "Bearer " + conversation.token(),
                "Last-Event-ID", Long.toString(posted.get(1)));
        try (SseClient client = SseClient.open(events(conversation.id(), "?lastEventId=" + posted.get(0)), headers)) {
            await().atMost(WAIT).until(() -> client.ids().size() == 1);
            assertThat(client.ids()).containsExactly(posted.get(2));
        }
    }

    @Test
    void continuesLiveAfterReplay() {
        Started conversation = TestApi.startConversation("Live");
        List<Long> posted = postMessages(conversation, 2);
        try (SseClient client = SseClient.open(events(conversation.id(), ""), conversation.token())) {
            await().atMost(WAIT).until(() -> client.ids().size() == 3);
            posted.addAll(postMessages(conversation, 2));
            await().atMost(WAIT).until(() -> client.ids().size() == 5);
            assertThat(client.ids().subList(1, 5)).isEqualTo(posted);
        }
    }

    @Test
    void sendsResetThenRetainedEventsWhenHistoryWasEvicted() {
        Started conversation = TestApi.startConversation("Evicted");
        long firstMessage = TestApi.post(conversation.id(), conversation.token(), "soon evicted");
        Caller customer = new Caller(Role.CUSTOMER, "c", "Evicted", conversation.id(), Instant.MAX);
        for (int i = 0; i < 1000; i++) {
            chat.post(customer, conversation.id(), new PostMessageRequest("filler " + i, null));
        }
        long last = TestApi.lastEventId(conversation.id(), conversation.token());
        Map<String, String> headers = Map.of("Authorization", "Bearer " + conversation.token(),
                "Last-Event-ID", Long.toString(firstMessage - 1));
        try (SseClient client = SseClient.open(events(conversation.id(), ""), headers)) {
            await().atMost(WAIT).until(() -> client.ids().size() == 1000);
            SseEvent reset = client.events().get(0);
            assertThat(reset.event()).isEqualTo("reset");
            assertThat(reset.id()).isNull();
            assertThat(reset.data()).contains("\"reason\":\"history-truncated\"");
            assertThat(client.ids()).doesNotContain(firstMessage).endsWith(last);
        }
    }

    @Test
    void sendsResetAndWholeHistoryForAnIdFromTheFuture() {
        Started conversation = TestApi.startConversation("Future");
        List<Long> posted = postMessages(conversation, 2);
        Map<String, String> headers = Map.of("Authorization", "Bearer " + conversation.token(),
                "Last-Event-ID", Long.toString(Long.MAX_VALUE));
        try (SseClient client = SseClient.open(events(conversation.id(), ""), headers)) {
            await().atMost(WAIT).until(() -> client.ids().size() == 3);
            assertThat(client.events().get(0).event()).isEqualTo("reset");
            assertThat(client.events().get(0).data()).contains("unknown-event-id");
            assertThat(client.ids().subList(1, 3)).isEqualTo(posted);
        }
    }

    @Test
    void sendsResetAsUnknownForAnIdFromAnEarlierRunOfTheServer() {
        Started conversation = TestApi.startConversation("Earlier run");
        List<Long> posted = postMessages(conversation, 2);
        Map<String, String> headers = Map.of("Authorization", "Bearer " + conversation.token(),
                "Last-Event-ID", "5");
        try (SseClient client = SseClient.open(events(conversation.id(), ""), headers)) {
            await().atMost(WAIT).until(() -> client.ids().size() == 3);
            assertThat(client.events().get(0).event()).isEqualTo("reset");
            assertThat(client.events().get(0).data()).contains("\"reason\":\"unknown-event-id\"");
            assertThat(client.ids().subList(1, 3)).isEqualTo(posted);
        }
    }

    @Test
    void sendsNothingWhenResumingAtTheNewestEvent() {
        Started conversation = TestApi.startConversation("Newest");
        long last = postMessages(conversation, 2).get(1);
        try (SseClient client = SseClient.open(events(conversation.id(), "?lastEventId=" + last), conversation.token())) {
            await().atMost(WAIT).until(() -> !client.retries().isEmpty());
            long next = TestApi.post(conversation.id(), conversation.token(), "after");
            await().atMost(WAIT).until(() -> !client.ids().isEmpty());
            assertThat(client.ids()).containsExactly(next);
            assertThat(client.events()).noneMatch(e -> e.event().equals("reset"));
        }
    }
}
