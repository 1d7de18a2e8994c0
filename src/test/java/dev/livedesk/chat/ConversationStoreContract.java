package dev.livedesk.chat;

import dev.livedesk.event.EventDraft;
import dev.livedesk.event.EventTypes;
import dev.livedesk.event.StoredEvent;
import dev.livedesk.event.StreamKey;
import dev.livedesk.store.Stores;
import dev.livedesk.store.StoresFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link ConversationStore} promises, run against each implementation. */
public abstract class ConversationStoreContract extends StoresFixture {

    protected ConversationStoreContract(Storage storage) {
        super(storage);
    }

    private static Change assignTo(Conversation current, String agentId, String notice) {
        Instant now = Conversation.CLOCK.instant();
        Conversation next = current.moveTo(ConversationStatus.ASSIGNED, agentId, now);
        Message system = new Message("sys-" + System.nanoTime(), current.id(), Sender.system(), notice, now, null);
        return new Change(next, List.of(Change.Emit.event(new EventDraft(EventTypes.CONVERSATION, current.id(), "{}")),
                new Change.Emit(new EventDraft(EventTypes.MESSAGE, current.id(), "{}"), system)));
    }

    @Test
    void aCreatedConversationReadsBackAsStored() {
        Stores stores = stores();
        Conversation created = Conversation.open("c1", "cust", "Ann", "Order 7", ConversationStatus.BOT,
                Instant.parse("2026-11-30T10:00:00.123456Z"));
        StoredEvent event = stores.conversations().createConversation(created,
                new EventDraft(EventTypes.CONVERSATION, "c1", "{}"));
        assertThat(stores.conversations().conversation("c1")).contains(created);
        assertThat(stores.conversations().lastEventId("c1")).isEqualTo(event.id());
        assertThat(stores.conversations().conversation("c2")).isEmpty();
        assertThat(stores.conversations().lastEventId("c2")).isZero();
    }

    @Test
    void creatingAnExistingConversationStoresNothing() {
        Stores stores = stores();
        conversation(stores, "c1");
        long last = stores.events().lastEventId();
        assertThatThrownBy(() -> conversation(stores, "c1")).isInstanceOf(IllegalStateException.class);
        assertThat(stores.events().lastEventId()).isEqualTo(last);
    }

    @Test
    void aRepeatedClientMessageIdStoresNothingAndReturnsTheOriginal() {
        Stores stores = stores();
        conversation(stores, "c1");
        MessageAppend original = message(stores, "c1", "same");
        MessageAppend repeat = message(elsewhere(stores), "c1", "same");
        assertThat(original.created()).isTrue();
        assertThat(repeat.created()).isFalse();
        assertThat(repeat.entry()).isEqualTo(original.entry());
        assertThat(stores.conversations().messages("c1", 0, 10)).hasSize(1);
        assertThat(message(stores, "c1", "other").created()).isTrue();
    }

    @Test
    void writesNamingAnUnknownConversationAreRefusedAndStoreNothing() {
        Stores stores = stores();
        conversation(stores, "c1");
        long last = stores.events().lastEventId();
        assertThatThrownBy(() -> message(stores, "nope", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stores.conversations().change("nope", current -> Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stores.conversations().messages("nope", 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(stores.events().lastEventId()).isEqualTo(last);
    }

    @Test
    void aChangeStoresTheConversationItsEventsAndItsMessagesTogether() {
        Stores stores = stores();
        conversation(stores, "c1");
        List<StoredEvent> stored = stores.conversations().change("c1",
                current -> Optional.of(assignTo(current, "alice", "Alice joined")));
        assertThat(stored).extracting(StoredEvent::type).containsExactly(EventTypes.CONVERSATION, EventTypes.MESSAGE);
        Conversation now = elsewhere(stores).conversations().conversation("c1").orElseThrow();
        assertThat(now.status()).isEqualTo(ConversationStatus.ASSIGNED);
        assertThat(now.assigneeId()).isEqualTo("alice");
        assertThat(stores.conversations().messages("c1", 0, 10)).singleElement().satisfies(entry -> {
            assertThat(entry.eventId()).isEqualTo(stored.get(1).id());
            assertThat(entry.message().text()).isEqualTo("Alice joined");
        });
        assertThat(stores.events().replay(StreamKey.conversation("c1"), 0, Long.MAX_VALUE, 10).events())
                .extracting(StoredEvent::id).endsWith(stored.get(0).id(), stored.get(1).id());
    }

    @Test
    void aDecisionSeesTheConversationAsStored() {
        Stores stores = stores();
        conversation(stores, "c1");
        stores.conversations().change("c1", current -> Optional.of(assignTo(current, "alice", "joined")));
        Conversation[] seen = new Conversation[1];
        stores.conversations().change("c1", current -> {
            seen[0] = current;
            return Optional.empty();
        });
        assertThat(seen[0].assigneeId()).isEqualTo("alice");
    }

    @Test
    void anEmptyDecisionStoresNothing() {
        Stores stores = stores();
        conversation(stores, "c1");
        Conversation before = stores.conversations().conversation("c1").orElseThrow();
        long last = stores.events().lastEventId();
        assertThat(stores.conversations().change("c1", current -> Optional.empty())).isEmpty();
        assertThat(stores.conversations().conversation("c1")).contains(before);
        assertThat(stores.events().lastEventId()).isEqualTo(last);
    }

    @Test
    void aChangeWithoutEventsUpdatesOnlyTheConversation() {
        Stores stores = stores();
        conversation(stores, "c1");
        long last = stores.events().lastEventId();
        List<StoredEvent> stored = stores.conversations().change("c1", current -> Optional.of(
                new Change(current.withBotMisses(1, Conversation.CLOCK.instant()), List.of())));
        assertThat(stored).isEmpty();
        assertThat(stores.conversations().conversation("c1").orElseThrow().botMisses()).isEqualTo(1);
        assertThat(stores.events().lastEventId()).isEqualTo(last);
    }

    @Test
    void aDecisionThatThrowsOrRenamesTheConversationStoresNothing() {
        Stores stores = stores();
        conversation(stores, "c1");
        conversation(stores, "c2");
        long last = stores.events().lastEventId();
        assertThatThrownBy(() -> stores.conversations().change("c1", current -> {
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        Conversation other = stores.conversations().conversation("c2").orElseThrow();
        assertThatThrownBy(() -> stores.conversations().change("c1", current -> Optional.of(assignTo(other, "bob",
                "x")))).isInstanceOf(IllegalArgumentException.class);
        assertThat(stores.events().lastEventId()).isEqualTo(last);
        assertThat(stores.conversations().conversation("c1").orElseThrow().status())
                .isEqualTo(ConversationStatus.QUEUED);
    }

    @Test
    void listsConversationsOldestFirstByStatusAndAssignee() {
        Stores stores = stores();
        for (String id : List.of("c3", "c1", "c2")) {
            conversation(stores, id);
        }
        stores.conversations().change("c1", current -> Optional.of(assignTo(current, "alice", "joined")));
        stores.conversations().change("c2", current -> Optional.of(assignTo(current, "bob", "joined")));
        ConversationStore conversations = stores.conversations();
        assertThat(conversations.conversations(null, null)).extracting(Conversation::id)
                .containsExactly("c3", "c1", "c2");
        assertThat(conversations.conversations(ConversationStatus.ASSIGNED, null)).extracting(Conversation::id)
                .containsExactly("c1", "c2");
        assertThat(conversations.conversations(ConversationStatus.ASSIGNED, "bob")).extracting(Conversation::id)
                .containsExactly("c2");
        assertThat(conversations.conversations(null, "alice")).extracting(Conversation::id).containsExactly("c1");
        assertThat(conversations.conversations(ConversationStatus.RESOLVED, null)).isEmpty();
    }

    @Test
    void pagesMessagesAfterAnEventIdOldestFirst() {
        Stores stores = stores();
        conversation(stores, "c1");
        conversation(stores, "c2");
        long one = message(stores, "c1", null).event().id();
        message(stores, "c2", null);
        long two = message(stores, "c1", null).event().id();
        long three = message(stores, "c1", null).event().id();
        assertThat(stores.conversations().messages("c1", 0, 2)).extracting(MessageEntry::eventId)
                .containsExactly(one, two);
        assertThat(stores.conversations().messages("c1", one, 10)).extracting(MessageEntry::eventId)
                .containsExactly(two, three);
        assertThat(stores.conversations().messages("c1", three, 10)).isEmpty();
    }

    @Test
    void aMessageKeepsEveryFieldItWasStoredWith() {
        Stores stores = stores();
        conversation(stores, "c1");
        Message sent = new Message("m1", "c1", Sender.agent("alice", "Alice"), "Hello 你好 \uD83D\uDE00\r\n\u0000",
                Instant.parse("2026-11-30T10:00:00.123456Z"), "client-1");
        stores.conversations().appendMessage(sent, new EventDraft(EventTypes.MESSAGE, "c1", "{}"));
        assertThat(elsewhere(stores).conversations().messages("c1", 0, 10)).singleElement()
                .extracting(MessageEntry::message).isEqualTo(sent);
    }
}
