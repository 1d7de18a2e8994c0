package dev.livedesk.store;

import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.Sender;
import dev.livedesk.config.LiveDeskConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryChatStoreTest {

    private final MemoryChatStore store = new MemoryChatStore(config(3));

    /** A config whose only answer that matters is the history size. */
    private static LiveDeskConfig config(int maxEvents) {
        LiveDeskConfig.History history = () -> maxEvents;
        return (LiveDeskConfig) Proxy.newProxyInstance(LiveDeskConfig.class.getClassLoader(),
                new Class<?>[]{LiveDeskConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("history")) {
                        return history;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private String conversation(String id) {
        Instant now = Instant.now();
        store.createConversation(Conversation.open(id, "cust", "Ann", null, ConversationStatus.QUEUED, now),
                new EventDraft(EventTypes.CONVERSATION, id, "{}"));
        return id;
    }

    private MessageAppend message(String conversationId, String clientMessageId) {
        Message message = new Message("m-" + Math.random(), conversationId, Sender.customer("cust", "Ann"), "hi",
                Instant.now(), clientMessageId);
        return store.appendMessage(message, new EventDraft(EventTypes.MESSAGE, conversationId, "{}"));
    }

    @Test
    void assignsStrictlyRisingIdsAcrossConversations() {
        conversation("a");
        conversation("b");
        long first = message("a", null).event().id();
        long second = message("b", null).event().id();
        long third = message("a", null).event().id();
        assertThat(List.of(first, second, third)).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
    }

    @Test
    void idsStartAboveAnyIdOfAnEarlierRun() {
        conversation("a");
        assertThat(store.lastEventId()).isGreaterThan(Instant.now().minusSeconds(60).toEpochMilli() * 1000);
    }

    @Test
    void repeatsTheOriginalForAKnownClientMessageId() {
        conversation("a");
        MessageAppend first = message("a", "k1");
        MessageAppend again = message("a", "k1");
        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.entry()).isEqualTo(first.entry());
        assertThat(store.messages("a", 0, 10)).hasSize(1);
    }

    @Test
    void replaysOnlyTheRequestedRange() {
        conversation("a");
        long one = message("a", null).event().id();
        long two = message("a", null).event().id();
        Replay replay = store.replay(StreamKey.conversation("a"), one, two, 10);
        assertThat(replay.events()).extracting(StoredEvent::id).containsExactly(two);
        assertThat(replay.truncated()).isFalse();
    }

    @Test
    void marksReplayTruncatedWhenEventsWereEvicted() {
        conversation("a");
        long afterCreated = store.lastEventId();
        for (int i = 0; i < 3; i++) {
            message("a", null);
        }
        Replay fromCreated = store.replay(StreamKey.conversation("a"), afterCreated, store.lastEventId(), 10);
        assertThat(fromCreated.truncated()).isFalse();
        assertThat(fromCreated.events()).hasSize(3);
        Replay fromStart = store.replay(StreamKey.conversation("a"), 0, store.lastEventId(), 10);
        assertThat(fromStart.truncated()).isTrue();
    }

    @Test
    void marksReplayTruncatedWhenCutByTheLimitAndKeepsTheNewest() {
        conversation("a");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ids.add(message("a", null).event().id());
        }
        Replay replay = store.replay(StreamKey.AGENTS, 0, store.lastEventId(), 2);
        assertThat(replay.truncated()).isTrue();
        assertThat(replay.events()).extracting(StoredEvent::id).isEqualTo(ids);
    }

    @Test
    void marksReplayTruncatedForAnIdFromAnEarlierRun() {
        conversation("a");
        assertThat(store.replay(StreamKey.AGENTS, 5, store.lastEventId(), 10).truncated()).isTrue();
    }

    @Test
    void tellsListenersEveryEventInOrderAfterTheReturnedId() {
        conversation("a");
        List<Long> heard = new ArrayList<>();
        long start = store.addListener(event -> heard.add(event.id()));
        long one = message("a", null).event().id();
        long two = message("a", null).event().id();
        assertThat(start).isLessThan(one);
        assertThat(heard).containsExactly(one, two);
    }
}
