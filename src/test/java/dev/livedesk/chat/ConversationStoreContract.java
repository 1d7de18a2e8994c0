package dev.livedesk.chat;

import dev.livedesk.Clocks;
import dev.livedesk.event.Audience;
import dev.livedesk.event.EventDraft;
import dev.livedesk.event.EventTypes;
import dev.livedesk.event.StoredEvent;
import dev.livedesk.event.StreamKey;
import dev.livedesk.store.Stores;
import dev.livedesk.store.StoresFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link ConversationStore} promises, run against each implementation. */
public abstract class ConversationStoreContract extends StoresFixture {

    protected ConversationStoreContract(Storage storage) {
        super(storage);
    }

    private static Change assignTo(Conversation current, String agentId, String notice) {
        Instant now = Clocks.system().instant();
        Conversation next = current.moveTo(ConversationStatus.ASSIGNED, agentId, now);
        Message system = new Message("sys-" + System.nanoTime(), current.id(), Sender.system(), notice, now, null);
        return new Change(next, List.of(Change.Emit.event(new EventDraft(EventTypes.CONVERSATION, current.id(), "{}")),
                new Change.Emit(new EventDraft(EventTypes.MESSAGE, current.id(), "{}"), system)));
    }

    @Test
    void aCreatedConversationReadsBackAsStored() {
        Stores stores = stores();
        Conversation created = Conversation.open("c1", "cust", "Ann", "Order 7", ConversationStatus.BOT,
                Instant.parse("2026-11-30T10:00:00.123456Z"), new CustomerProfile("ann@example.com", "zh-CN",
                        "https://shop.example/cart?x=1", "Mozilla/5.0 \\ \u0000", "127.0.0.1", "email"));
        List<StoredEvent> events = stores.conversations().createConversation(created, List.of(
                new EventDraft(EventTypes.CONVERSATION, "c1", "{}", Audience.CONVERSATION),
                new EventDraft(EventTypes.CONVERSATION, "c1", "{}", Audience.AGENTS)));
        assertThat(events).hasSize(2);
        assertThat(elsewhere(stores).conversations().conversation("c1")).contains(created);
        assertThat(stores.conversations().lastEventId("c1")).as("the newest event the customer's stream carries")
                .isEqualTo(events.get(0).id());
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
        assertThatThrownBy(() -> message(stores, "nope", null)).isInstanceOf(UnknownConversationException.class);
        assertThatThrownBy(() -> stores.conversations().change("nope", current -> Optional.empty()))
                .isInstanceOf(UnknownConversationException.class);
        assertThatThrownBy(() -> stores.conversations().messages("nope", 0, 10))
                .isInstanceOf(UnknownConversationException.class);
        assertThat(stores.events().lastEventId()).isEqualTo(last);
    }

    @Test
    void aChangeStoresTheConversationItsEventsAndItsMessagesTogether() {
        Stores stores = stores();
        conversation(stores, "c1");
        Conversation queued = stores.conversations().conversation("c1").orElseThrow();
        Changed changed = stores.conversations().change("c1",
                current -> Optional.of(assignTo(current, "alice", "Alice joined")));
        List<StoredEvent> stored = changed.events();
        assertThat(stored).extracting(StoredEvent::type).containsExactly(EventTypes.CONVERSATION, EventTypes.MESSAGE);
        assertThat(changed.stored()).isTrue();
        assertThat(changed.moved()).isTrue();
        assertThat(changed.before()).isEqualTo(queued);
        assertThat(changed.after()).isEqualTo(elsewhere(stores).conversations().conversation("c1").orElseThrow());
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
        Changed changed = stores.conversations().change("c1", current -> Optional.empty());
        assertThat(changed.stored()).isFalse();
        assertThat(changed.events()).isEmpty();
        assertThat(changed.after()).isEqualTo(before);
        assertThat(stores.conversations().conversation("c1")).contains(before);
        assertThat(stores.events().lastEventId()).isEqualTo(last);
    }

    @Test
    void aChangeWithoutEventsUpdatesOnlyTheConversation() {
        Stores stores = stores();
        conversation(stores, "c1");
        long last = stores.events().lastEventId();
        Changed changed = stores.conversations().change("c1", current -> Optional.of(
                new Change(current.withBotMisses(1, Clocks.system().instant()), List.of())));
        assertThat(changed.events()).isEmpty();
        assertThat(changed.stored()).isTrue();
        assertThat(changed.moved()).isFalse();
        assertThat(changed.after().botMisses()).isEqualTo(1);
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
    void aConversationThatLeavesAStatusAndComesBackIsListedInItsPlaceOldestFirst() {
        Stores stores = stores();
        for (String id : List.of("c1", "c2", "c3")) {
            conversation(stores, id);
        }
        ConversationStatus start = stores.conversations().conversation("c1").orElseThrow().status();
        stores.conversations().change("c1", current -> Optional.of(assignTo(current, "alice", "joined")));
        stores.conversations().change("c1", current -> Optional.of(new Change(
                current.moveTo(start, null, Clocks.system().instant()), List.of())));
        assertThat(stores.conversations().conversations(start, null)).extracting(Conversation::id)
                .containsExactly("c1", "c2", "c3");
        assertThat(stores.conversations().conversations(ConversationStatus.ASSIGNED, null)).isEmpty();
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

    private static void queuedAt(Stores stores, String id, String at) {
        stores.conversations().createConversation(Conversation.open(id, "cust-" + id, "Ann", null,
                ConversationStatus.QUEUED, Instant.parse(at)),
                List.of(new EventDraft(EventTypes.CONVERSATION, id, "{}")));
    }

    @Test
    void theQueueIsTheQueuedIdsLongestWaitingFirstTiesById() {
        Stores stores = stores();
        queuedAt(stores, "c", "2026-11-30T10:00:05.000002Z");
        queuedAt(stores, "b", "2026-11-30T10:00:05.000001Z");
        queuedAt(stores, "a", "2026-11-30T10:00:05.000002Z");
        queuedAt(stores, "d", "2026-11-30T10:00:01Z");
        stores.conversations().change("d", current -> Optional.of(assignTo(current, "alice", "joined")));
        assertThat(elsewhere(stores).conversations().queue()).containsExactly("b", "a", "c");
    }

    @Test
    void theQueueWithInboxesNamesEachQueuedConversationsInboxInQueueOrder() {
        Stores stores = stores();
        queuedAt(stores, "c", "2026-11-30T10:00:05.000002Z");
        queuedAt(stores, "b", "2026-11-30T10:00:05.000001Z");
        stores.conversations().createConversation(Conversation.open("x", "cx", "X", null, ConversationStatus.QUEUED,
                Instant.parse("2026-11-30T10:00:09Z")).inInbox("brand"),
                List.of(new EventDraft(EventTypes.CONVERSATION, "x", "{}")));

        assertThat(elsewhere(stores).conversations().queuedWithInboxes()).containsExactly(
                new ConversationStore.Queued("b", "default"), new ConversationStore.Queued("c", "default"),
                new ConversationStore.Queued("x", "brand"));
    }

    @Test
    void assignedCountsAreTheAssignedConversationsOfEachAgent() {
        Stores stores = stores();
        for (String id : List.of("c1", "c2", "c3", "c4")) {
            conversation(stores, id);
        }
        stores.conversations().change("c1", current -> Optional.of(assignTo(current, "alice", "joined")));
        stores.conversations().change("c2", current -> Optional.of(assignTo(current, "alice", "joined")));
        stores.conversations().change("c3", current -> Optional.of(assignTo(current, "bob", "joined")));
        stores.conversations().change("c3", current -> Optional.of(new Change(
                current.moveTo(ConversationStatus.RESOLVED, "bob", Clocks.system().instant()), List.of())));
        assertThat(elsewhere(stores).conversations().assignedCounts()).containsExactlyInAnyOrderEntriesOf(
                Map.of("alice", 2));
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

    private static Message said(String conversationId, Sender sender, String text) {
        return new Message("m-" + System.nanoTime(), conversationId, sender, text, Clocks.system().instant(), null);
    }

    private static long append(Stores stores, Message message) {
        return stores.conversations().appendMessage(message, new EventDraft(EventTypes.MESSAGE,
                message.conversationId(), "{}")).entry().eventId();
    }

    private static void label(Stores stores, String conversationId, String... labels) {
        stores.conversations().change(conversationId, current -> Optional.of(new Change(
                current.withLabels(List.of(labels), Clocks.system().instant()), List.of())));
    }

    @Test
    void notesAreKeptApartFromMessagesInEventOrder() {
        Stores stores = stores();
        conversation(stores, "c1");
        long message = message(stores, "c1", null).entry().eventId();
        Note note = new Note("n1", "c1", new Note.Author("alice", "Alice"), "VIP 客户 \u0000",
                Clocks.system().instant());
        NoteEntry stored = stores.conversations().appendNote(note, new EventDraft(EventTypes.NOTE, "c1", "{}",
                Audience.AGENTS));
        assertThat(stored.eventId()).isGreaterThan(message);
        assertThat(elsewhere(stores).conversations().notes("c1", 0, 10)).containsExactly(stored);
        assertThat(stores.conversations().notes("c1", stored.eventId(), 10)).isEmpty();
        assertThat(stores.conversations().messages("c1", 0, 10)).extracting(MessageEntry::eventId)
                .containsExactly(message);
        assertThat(stores.conversations().lastEventId("c1")).as("a note is not on the customer's stream")
                .isEqualTo(message);
        assertThatThrownBy(() -> stores.conversations().appendNote(new Note("n2", "nope", note.author(), "x",
                note.createdAt()), new EventDraft(EventTypes.NOTE, "nope", "{}", Audience.AGENTS)))
                .isInstanceOf(UnknownConversationException.class);
    }

    @Test
    void labelsAreKeptInOrderAndFilterTheList() {
        Stores stores = stores();
        conversation(stores, "c1");
        conversation(stores, "c2");
        label(stores, "c1", "vip", "refund");
        label(stores, "c2", "refund");
        assertThat(elsewhere(stores).conversations().conversation("c1").orElseThrow().labels())
                .containsExactly("vip", "refund");
        assertThat(all(stores.conversations(), new ConversationFilter(null, null, false, "refund")))
                .extracting(row -> row.conversation().id()).containsExactly("c1", "c2");
        assertThat(all(stores.conversations(), new ConversationFilter(null, null, false, "vip")))
                .extracting(row -> row.conversation().id()).containsExactly("c1");
        assertThat(all(stores.conversations(), new ConversationFilter(null, null, false, "vi"))).isEmpty();
    }

    @Test
    void listsFilterByStatusAssigneeAndNobody() {
        Stores stores = stores();
        for (String id : List.of("c1", "c2", "c3")) {
            conversation(stores, id);
        }
        stores.conversations().change("c2", current -> Optional.of(assignTo(current, "alice", "joined")));
        ConversationStore conversations = stores.conversations();
        assertThat(all(conversations, new ConversationFilter(null, null, true, null)))
                .extracting(row -> row.conversation().id()).containsExactly("c1", "c3");
        assertThat(all(conversations, new ConversationFilter(ConversationStatus.ASSIGNED, "alice", false, null)))
                .extracting(row -> row.conversation().id()).containsExactly("c2");
        assertThat(all(conversations, ConversationFilter.ALL)).hasSize(3);
    }

    @Test
    void aListRowCountsUnreadShowsTheLastMessageAndHowLongTheCustomerWaits() {
        Stores stores = stores();
        conversation(stores, "c1");
        Message first = said("c1", Sender.customer("cust", "Ann"), "Where is my order?");
        long firstId = append(stores, first);
        append(stores, said("c1", Sender.bot(), "It ships in two days."));
        Message waiting = said("c1", Sender.customer("cust", "Ann"), "x".repeat(200));
        append(stores, waiting);
        long last = append(stores, said("c1", Sender.customer("cust", "Ann"), "Hello?"));
        Summary summary = only(stores);
        assertThat(summary.unread()).isEqualTo(3);
        assertThat(summary.waitingSince()).isEqualTo(waiting.sentAt());
        assertThat(summary.lastMessage().role()).isEqualTo("customer");
        assertThat(summary.lastMessage().text()).isEqualTo("Hello?");

        stores.conversations().change("c1", current -> current.markRead(true, firstId + 1)
                .map(read -> new Change(read, List.of())));
        assertThat(only(stores).unread()).isEqualTo(2);
        append(stores, said("c1", Sender.agent("alice", "Alice"), "y".repeat(300)));
        Summary answered = only(stores);
        assertThat(answered.waitingSince()).isNull();
        assertThat(answered.lastMessage().text()).hasSize(Summary.PREVIEW_CHARS);
        stores.conversations().change("c1", current -> current.markRead(true, last)
                .map(read -> new Change(read, List.of())));
        assertThat(only(stores).unread()).isZero();
    }

    private static List<ConversationStore.Summarized> all(ConversationStore store, ConversationFilter filter) {
        return store.list(filter, new PageRequest(false, null, 1000));
    }

    private static List<String> ids(List<ConversationStore.Summarized> rows) {
        return rows.stream().map(row -> row.conversation().id()).toList();
    }

    @Test
    void listsComeInPagesInEitherOrderEachConversationOnce() {
        Stores stores = stores();
        for (int i = 1; i <= 5; i++) {
            conversation(stores, "c" + i);
        }
        ConversationStore store = elsewhere(stores).conversations();

        List<ConversationStore.Summarized> first = store.list(ConversationFilter.ALL, new PageRequest(false, null, 2));
        List<ConversationStore.Summarized> second = store.list(ConversationFilter.ALL,
                new PageRequest(false, first.get(1).position(), 2));
        conversation(stores, "c6");
        List<ConversationStore.Summarized> third = store.list(ConversationFilter.ALL,
                new PageRequest(false, second.get(1).position(), 10));

        assertThat(ids(first)).containsExactly("c1", "c2");
        assertThat(ids(second)).containsExactly("c3", "c4");
        assertThat(ids(third)).containsExactly("c5", "c6");
        List<ConversationStore.Summarized> newest = store.list(ConversationFilter.ALL, new PageRequest(true, null, 4));
        assertThat(ids(newest)).containsExactly("c6", "c5", "c4", "c3");
        assertThat(ids(store.list(ConversationFilter.ALL, new PageRequest(true, newest.get(3).position(), 4))))
                .containsExactly("c2", "c1");
    }

    @Test
    void aPageHoldsOnlyWhatTheFilterMatches() {
        Stores stores = stores();
        for (int i = 1; i <= 6; i++) {
            conversation(stores, "c" + i);
        }
        for (String id : List.of("c2", "c4", "c6")) {
            stores.conversations().change(id, current -> Optional.of(assignTo(current, "alice", "joined")));
        }
        ConversationFilter alices = new ConversationFilter(ConversationStatus.ASSIGNED, "alice", false, null);

        List<ConversationStore.Summarized> page = stores.conversations().list(alices, new PageRequest(false, null, 2));

        assertThat(ids(page)).containsExactly("c2", "c4");
        assertThat(ids(stores.conversations().list(alices, new PageRequest(false, page.get(1).position(), 2))))
                .containsExactly("c6");
    }

    @Test
    void viewCountsCountEachTabAndTheUnreadOfQueueAndMine() {
        Stores stores = stores();
        for (String id : List.of("c1", "c2", "c3", "c4")) {
            conversation(stores, id);
        }
        stores.conversations().change("c2", current -> Optional.of(assignTo(current, "alice", "joined")));
        stores.conversations().change("c3", current -> Optional.of(assignTo(current, "bob", "joined")));
        stores.conversations().change("c4", current -> Optional.of(new Change(current.moveTo(ConversationStatus.RESOLVED, null, Clocks.system().instant()),
                List.of())));
        append(stores, said("c1", Sender.customer("cust-c1", "Ann"), "one"));
        append(stores, said("c2", Sender.customer("cust-c2", "Ann"), "two"));
        append(stores, said("c3", Sender.customer("cust-c3", "Ann"), "three"));

        ViewCounts counts = elsewhere(stores).conversations().counts("alice", null);

        assertThat(counts).isEqualTo(new ViewCounts(1, 1, 3, 0, 2));
    }

    private Summary only(Stores stores) {
        return all(elsewhere(stores).conversations(), ConversationFilter.ALL).get(0).summary();
    }

    @Test
    void aListRowPreviewsTheLastMessageOfAPersonOrTheAssistantNotASystemNotice() {
        Stores stores = stores();
        conversation(stores, "c1");
        append(stores, said("c1", Sender.customer("cust", "Ann"), "Where is my order?"));
        append(stores, said("c1", Sender.system(), "Alice joined the conversation"));

        Summary summary = only(stores);

        assertThat(summary.lastMessage().role()).isEqualTo("customer");
        assertThat(summary.lastMessage().text()).isEqualTo("Where is my order?");
    }

    @Test
    void aConversationWithOnlySystemNoticesHasNoPreview() {
        Stores stores = stores();
        conversation(stores, "c1");
        append(stores, said("c1", Sender.system(), "Connecting you to an agent…"));

        assertThat(only(stores).lastMessage()).isNull();
    }

    @Test
    void aConversationWithoutMessagesHasAnEmptySummary() {
        Stores stores = stores();
        conversation(stores, "c1");
        assertThat(only(stores)).isEqualTo(new Summary(0, null, null));
    }

    @Test
    void searchFindsPrivateNotesAndShowsTheNoteThatMatched() {
        Stores stores = stores();
        conversation(stores, "c1");
        conversation(stores, "c2");
        append(stores, said("c1", Sender.customer("cust-c1", "Ann"), "Where is my parcel?"));
        Note note = new Note("n1", "c1", new Note.Author("alice", "Alice"), "Courier lost it; refund approved 退款",
                Clocks.system().instant());
        stores.conversations().appendNote(note, new EventDraft(EventTypes.NOTE, "c1", "{}", Audience.AGENTS));

        List<ConversationStore.Found> found = elsewhere(stores).conversations().search(List.of("courier"), null, 10);
        List<ConversationStore.Found> chinese = elsewhere(stores).conversations().search(SearchTerms.query("退款"), null, 10);

        assertThat(found).extracting(hit -> hit.conversation().id()).containsExactly("c1");
        assertThat(found.get(0).matchedText()).isEqualTo("Courier lost it; refund approved 退款");
        assertThat(chinese).extracting(hit -> hit.conversation().id()).containsExactly("c1");
    }

    @Test
    void searchFindsEnglishAndChineseWordsInMessagesNewestFirst() {
        Stores stores = stores();
        conversation(stores, "c1");
        conversation(stores, "c2");
        conversation(stores, "c3");
        append(stores, said("c1", Sender.customer("cust", "Ann"), "My parcel never arrived, I want a refund"));
        append(stores, said("c2", Sender.customer("cust", "Li"), "我想申请退款，谢谢"));
        append(stores, said("c3", Sender.customer("cust", "Bo"), "Refunds take how long?"));
        ConversationStore conversations = elsewhere(stores).conversations();
        assertThat(conversations.search(SearchTerms.query("refund"), null, 10)).extracting(found -> found.conversation().id())
                .containsExactly("c3", "c1");
        assertThat(conversations.search(SearchTerms.query("退款"), null, 10)).singleElement().satisfies(found -> {
            assertThat(found.conversation().id()).isEqualTo("c2");
            assertThat(found.matchedText()).isEqualTo("我想申请退款，谢谢");
        });
        assertThat(conversations.search(SearchTerms.query("parcel REFUND"), null, 10))
                .extracting(found -> found.conversation().id()).containsExactly("c1");
        assertThat(conversations.search(SearchTerms.query("refund"), null, 1)).hasSize(1);
        assertThat(conversations.search(SearchTerms.query("款退"), null, 10)).isEmpty();
        assertThat(conversations.search(SearchTerms.query("weather"), null, 10)).isEmpty();
    }

    @Test
    void searchFindsCustomersByNameEmailAndLabel() {
        Stores stores = stores();
        stores.conversations().createConversation(Conversation.open("c1", "cust", "Zoë Martin", null,
                ConversationStatus.QUEUED, Clocks.system().instant(), new CustomerProfile("zoe@example.com", null,
                        null, null, null, null)), List.of(new EventDraft(EventTypes.CONVERSATION, "c1", "{}")));
        label(stores, "c1", "vip");
        ConversationStore conversations = elsewhere(stores).conversations();
        for (String query : List.of("zoë", "martin", "zoe@example", "VIP")) {
            assertThat(conversations.search(SearchTerms.query(query), null, 10)).as(query).singleElement()
                    .satisfies(found -> assertThat(found.matchedText()).isNull());
        }
    }

    @Test
    void aCustomersConversationsAreFoundByIdOrEmailNewestFirst() {
        Stores stores = stores();
        ConversationStore conversations = stores.conversations();
        for (String[] row : List.of(new String[]{"c1", "cust-a", "ann@example.com"}, new String[]{"c2", "cust-b",
                "ANN@example.com"}, new String[]{"c3", "cust-a", null}, new String[]{"c4", "cust-c", null})) {
            conversations.createConversation(Conversation.open(row[0], row[1], "Ann", null, ConversationStatus.QUEUED,
                    Clocks.system().instant(), new CustomerProfile(row[2], null, null, null, null, null)),
                    List.of(new EventDraft(EventTypes.CONVERSATION, row[0], "{}")));
        }
        assertThat(elsewhere(stores).conversations().ofCustomer("cust-a", "ann@example.com"))
                .extracting(Conversation::id).containsExactly("c3", "c2", "c1");
        assertThat(conversations.ofCustomer("cust-c", null)).extracting(Conversation::id).containsExactly("c4");
    }

    @Test
    void aRatingIsKeptWithTheConversation() {
        Stores stores = stores();
        conversation(stores, "c1");
        Rating rating = new Rating(4, "Quick and kind 谢谢 \u0000", Clocks.system().instant());
        stores.conversations().change("c1", current -> Optional.of(new Change(current.moveTo(
                ConversationStatus.RESOLVED, null, rating.ratedAt()).rated(rating, rating.ratedAt()), List.of())));
        assertThat(elsewhere(stores).conversations().conversation("c1").orElseThrow().rating()).isEqualTo(rating);
    }

    @Test
    void anAgentsFirstMessageIsStoredAsTheFirstResponseWhicheverWayItIsWritten() {
        Stores stores = stores();
        conversation(stores, "c1");
        conversation(stores, "c2");
        Instant first = Instant.parse("2026-11-30T10:05:00.000001Z");
        Message byAgent = new Message("m1", "c1", Sender.agent("bob", "Bob"), "Hello", first, null);
        MessageAppend append = stores.conversations().appendMessage(byAgent,
                new EventDraft(EventTypes.MESSAGE, "c1", "{}"));
        stores.conversations().appendMessage(new Message("m2", "c1", Sender.agent("alice", "Alice"), "Me too",
                first.plusSeconds(5), null), new EventDraft(EventTypes.MESSAGE, "c1", "{}"));
        stores.conversations().change("c2", current -> Optional.of(new Change(current, List.of(new Change.Emit(
                new EventDraft(EventTypes.MESSAGE, "c2", "{}"),
                new Message("m3", "c2", Sender.agent("alice", "Alice"), "Hi", first, null))))));

        Milestones one = elsewhere(stores).conversations().conversation("c1").orElseThrow().milestones();
        assertThat(append.conversation().milestones()).isEqualTo(one);
        assertThat(one.firstResponseAt()).isEqualTo(first);
        assertThat(one.firstResponderId()).isEqualTo("bob");
        assertThat(elsewhere(stores).conversations().conversation("c2").orElseThrow().milestones().firstResponderId())
                .isEqualTo("alice");
    }

    @Test
    void milestonesReadBackAsStored() {
        Stores stores = stores();
        Instant created = Instant.parse("2026-11-30T10:00:00.000001Z");
        Conversation open = Conversation.open("c1", "cust", "Ann", null, ConversationStatus.BOT, created);
        stores.conversations().createConversation(open, List.of(new EventDraft(EventTypes.CONVERSATION, "c1", "{}")));
        stores.conversations().change("c1", current -> Optional.of(new Change(current
                .moveTo(ConversationStatus.QUEUED, null, created.plusSeconds(60))
                .moveTo(ConversationStatus.ASSIGNED, "bob", created.plusSeconds(90))
                .moveTo(ConversationStatus.RESOLVED, null, created.plusSeconds(600)), List.of())));
        assertThat(elsewhere(stores).conversations().conversation("c1").orElseThrow().milestones()).isEqualTo(
                new Milestones(created.plusSeconds(60), null, null, "bob", created.plusSeconds(600)));
    }

    @Test
    void aReplysSuggestionsReadBackAsStored() {
        Stores stores = stores();
        conversation(stores, "c1");
        Message reply = new Message("m1", "c1", Sender.bot(), "Not sure", Clocks.system().instant(), null,
                List.of(), List.of(new Suggestion("returns", "How do I return an item?"),
                new Suggestion("退货", "如何退货？ \u0000 \\")));
        stores.conversations().change("c1", current -> Optional.of(new Change(current, List.of(new Change.Emit(
                new EventDraft(EventTypes.MESSAGE, "c1", "{}"), reply)))));
        assertThat(elsewhere(stores).conversations().messages("c1", 0, 10)).extracting(MessageEntry::message)
                .containsExactly(reply);
    }

    private static void inInbox(Stores stores, String id, String inbox) {
        stores.conversations().createConversation(Conversation.open(id, "cust-" + id, "Ann", null,
                ConversationStatus.QUEUED, Clocks.system().instant()).inInbox(inbox),
                List.of(new EventDraft(EventTypes.CONVERSATION, id, "{}")));
    }

    @Test
    void everyEventOfAConversationCarriesItsInbox() {
        Stores stores = stores();
        inInbox(stores, "c1", "shop-b");
        append(stores, said("c1", Sender.customer("cust-c1", "Ann"), "refund please"));
        stores.conversations().appendNote(new Note("n1", "c1", new Note.Author("alice", "Alice"), "vip",
                Clocks.system().instant()), new EventDraft(EventTypes.NOTE, "c1", "{}", Audience.AGENTS));
        stores.conversations().change("c1", current -> Optional.of(assignTo(current, "alice", "joined")));

        assertThat(elsewhere(stores).events().replay(StreamKey.AGENTS, 0, Long.MAX_VALUE, 100).events())
                .extracting(StoredEvent::inboxId).hasSize(5).containsOnly("shop-b");
    }

    @Test
    void listsCountsAndSearchesCanBeLimitedToSomeInboxes() {
        Stores stores = stores();
        inInbox(stores, "a1", "shop-a");
        inInbox(stores, "b1", "shop-b");
        append(stores, said("a1", Sender.customer("cust-a1", "Ann"), "refund please"));
        append(stores, said("b1", Sender.customer("cust-b1", "Ann"), "refund now"));
        ConversationStore store = elsewhere(stores).conversations();
        ConversationFilter shopA = new ConversationFilter(null, false, null, false, null, null, Set.of("shop-a"));

        assertThat(ids(all(store, shopA))).containsExactly("a1");
        assertThat(ids(all(store, ConversationFilter.ALL))).containsExactly("a1", "b1");
        assertThat(store.counts("alice", Set.of("shop-a"))).isEqualTo(new ViewCounts(1, 0, 1, 0, 1));
        assertThat(store.counts("alice", null).open()).isEqualTo(2);
        assertThat(store.search(SearchTerms.query("refund"), Set.of("shop-b"), 10))
                .extracting(found -> found.conversation().id()).containsExactly("b1");
        assertThat(store.search(SearchTerms.query("refund"), Set.of(), 10)).isEmpty();
    }
}
