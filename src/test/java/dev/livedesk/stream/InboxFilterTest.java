package dev.livedesk.stream;

import dev.livedesk.Clocks;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.Sender;
import dev.livedesk.event.EventDraft;
import dev.livedesk.event.EventTypes;
import dev.livedesk.event.StreamKey;
import dev.livedesk.support.SseClient;
import dev.livedesk.support.SseEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agents' stream of an agent who belongs to some inboxes: what the hub shows them, live and replayed, as their
 * memberships are when each event goes out.
 */
class InboxFilterTest {

    private final HubServer server = new HubServer();
    /** The inboxes the subscriber belongs to, changed while its stream is open. */
    private final Set<String> memberOf = ConcurrentHashMap.newKeySet();

    InboxFilterTest() throws Exception {
        memberOf.add("shop-a");
        server.opener = request -> server.hub.open(StreamKey.AGENTS, StreamEndpoints.resumePoint(request), request,
                null, memberOf::contains, () -> { });
        start("a1", "shop-a");
        start("b1", "shop-b");
    }

    @AfterEach
    void close() throws Exception {
        server.close();
    }

    @Test
    void aReplayLeavesOutTheEventsOfOtherInboxes() {
        post("a1", "for shop A");
        post("b1", "for shop B");

        try (SseClient stream = open(null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.events(EventTypes.MESSAGE).size() == 1);

            assertThat(texts(stream)).containsExactly("for shop A");
            assertThat(stream.events(EventTypes.CONVERSATION)).extracting(SseEvent::data)
                    .allSatisfy(data -> assertThat(data).contains("a1"));
        }
    }

    @Test
    void liveEventsOfOtherInboxesAreLeftOutEvenWithinOneBatch() {
        try (SseClient stream = open(null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events(EventTypes.CONVERSATION).isEmpty());
            for (int i = 0; i < 50; i++) {
                post(i % 2 == 0 ? "a1" : "b1", "message " + i);
            }
            post("a1", "last");

            await().atMost(Duration.ofSeconds(10)).until(() -> texts(stream).contains("last"));
            List<String> shopA = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i += 2) {
                shopA.add("message " + i);
            }
            shopA.add("last");
            assertThat(texts(stream)).containsExactlyElementsOf(shopA);
        }
    }

    @Test
    void anAgentRemovedFromAnInboxStopsReceivingItsEventsOnTheOpenStream() {
        memberOf.add("shop-b");
        try (SseClient stream = open(null)) {
            post("b1", "while a member");
            await().atMost(Duration.ofSeconds(10)).until(() -> texts(stream).contains("while a member"));

            memberOf.remove("shop-b");
            post("b1", "after removal");
            post("a1", "marker");

            await().atMost(Duration.ofSeconds(10)).until(() -> texts(stream).contains("marker"));
            assertThat(texts(stream)).doesNotContain("after removal");
        }
    }

    @Test
    void aResumeAfterSkippedEventsGetsExactlyWhatFollows() {
        long seen = post("a1", "seen");
        post("b1", "never shown");
        post("a1", "missed");

        try (SseClient stream = open(seen)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> texts(stream).contains("missed"));

            assertThat(texts(stream)).containsExactly("missed");
        }
    }

    @Test
    void anEventWithoutIdOfAnotherInboxIsLeftOut() {
        try (SseClient stream = open(null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events(EventTypes.CONVERSATION).isEmpty());
            server.hub.publishEphemeral(StreamKey.AGENTS, EventTypes.VIEWING, "{\"conversationId\":\"b1\"}", "shop-b");
            server.hub.publishEphemeral(StreamKey.AGENTS, EventTypes.VIEWING, "{\"conversationId\":\"a1\"}", "shop-a");

            await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events(EventTypes.VIEWING).isEmpty());
            assertThat(stream.events(EventTypes.VIEWING)).extracting(SseEvent::data)
                    .containsExactly("{\"conversationId\":\"a1\"}");
        }
    }

    private SseClient open(Long lastEventId) {
        return SseClient.open(URI.create("http://127.0.0.1:" + server.port() + "/"),
                lastEventId == null ? Map.of() : Map.of("Last-Event-ID", String.valueOf(lastEventId)));
    }

    private void start(String id, String inbox) {
        server.stores.conversations().createConversation(Conversation.open(id, "cust-" + id, "Ann", null,
                ConversationStatus.QUEUED, Clocks.system().instant()).inInbox(inbox),
                List.of(new EventDraft(EventTypes.CONVERSATION, id, "{\"id\":\"" + id + "\"}")));
    }

    /** Posts a message and returns its event id. */
    private long post(String conversation, String text) {
        return server.stores.conversations().appendMessage(new Message(UUID.randomUUID().toString(), conversation,
                Sender.customer("cust", "Ann"), text, Clocks.system().instant(), null),
                new EventDraft(EventTypes.MESSAGE, conversation, "{\"text\":\"" + text + "\"}")).event().id();
    }

    private static List<String> texts(SseClient stream) {
        return stream.events(EventTypes.MESSAGE).stream()
                .map(event -> event.data().replaceAll("^\\{\"text\":\"(.*)\"}$", "$1")).toList();
    }
}
